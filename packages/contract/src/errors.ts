/** Stable error codes of the HTTP API, their HTTP status and their messages in both languages. */
export const errorCatalog = {
  VALIDATION_FAILED: { status: 400, 'zh-CN': '输入有误，请检查后重试', 'en-US': 'The input is not valid' },
  BAD_REQUEST: { status: 400, 'zh-CN': '请求格式不正确', 'en-US': 'The request is malformed' },
  UNAUTHENTICATED: { status: 401, 'zh-CN': '请先登录', 'en-US': 'Please sign in first' },
  INVALID_CREDENTIALS: {
    status: 401,
    'zh-CN': '用户名或密码错误',
    'en-US': 'Wrong username or password',
  },
  TOTP_REQUIRED: { status: 401, 'zh-CN': '请输入动态验证码', 'en-US': 'Enter your one-time code' },
  TOTP_INVALID: { status: 401, 'zh-CN': '动态验证码错误', 'en-US': 'The one-time code is wrong' },
  FORBIDDEN: { status: 403, 'zh-CN': '没有权限执行此操作', 'en-US': 'You are not allowed to do this' },
  CSRF_INVALID: {
    status: 403,
    'zh-CN': '安全令牌无效，请刷新页面后重试',
    'en-US': 'The security token is missing or invalid; reload the page',
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    'zh-CN': '请先修改密码',
    'en-US': 'You must change your password first',
  },
  TOTP_ENROLMENT_REQUIRED: {
    status: 403,
    'zh-CN': '您的角色要求启用两步验证，请先绑定验证器',
    'en-US': 'Your role requires two-factor authentication; set it up first',
  },
  NOT_FOUND: { status: 404, 'zh-CN': '记录不存在', 'en-US': 'The record does not exist' },
  CONFLICT: {
    status: 409,
    'zh-CN': '记录已被他人修改，请刷新后重试',
    'en-US': 'Someone else changed this record; reload and try again',
  },
  USERNAME_TAKEN: { status: 409, 'zh-CN': '用户名已被使用', 'en-US': 'The username is already taken' },
  PHONE_TAKEN: { status: 409, 'zh-CN': '手机号已被使用', 'en-US': 'The phone number is already in use' },
  EMPLOYEE_CODE_TAKEN: {
    status: 409,
    'zh-CN': '员工编号已被使用',
    'en-US': 'The employee code is already in use',
  },
  EMPLOYEE_CODE_INVALID: {
    status: 400,
    'zh-CN': '员工编号格式不符合规则',
    'en-US': 'The employee code does not match the required pattern',
  },
  DICTIONARY_ITEM_INVALID: {
    status: 409,
    'zh-CN': '该字典项已失效，不能选择或修改',
    'en-US': 'This dictionary item is invalid: it cannot be chosen or edited',
  },
  DICTIONARY_ITEM_IN_USE: {
    status: 409,
    'zh-CN': '该字典项已被引用，请改为失效',
    'en-US': 'This item is in use; invalidate it instead of deleting it',
  },
  DICTIONARY_ITEM_MISMATCH: {
    status: 400,
    'zh-CN': '所选字典项不属于该字段',
    'en-US': 'The chosen item does not belong to this field’s dictionary',
  },
  DUPLICATE_CUSTOMER: {
    status: 409,
    'zh-CN': '已存在相同的客户，请联系其负责人',
    'en-US': 'This customer already exists; ask its owner',
  },
  CUSTOMER_INVALID: {
    status: 409,
    'zh-CN': '该客户已失效，只能查看；如需继续跟进请先恢复',
    'en-US': 'This customer is invalidated and can only be viewed; restore it to work on it again',
  },
  CUSTOMER_NOT_DRAFT: {
    status: 409,
    'zh-CN': '该客户已提交，不是草稿',
    'en-US': 'This customer has already been submitted',
  },
  OWNER_INVALID: {
    status: 400,
    'zh-CN': '负责人必须是您数据范围内的在职用户',
    'en-US': 'The owner must be an active user within your data scope',
  },
  MERGE_SAME_CUSTOMER: {
    status: 400,
    'zh-CN': '不能把客户合并到它自己',
    'en-US': 'A customer cannot be merged into itself',
  },
  DATE_IN_PAST: { status: 400, 'zh-CN': '日期不能早于今天', 'en-US': 'The date cannot be in the past' },
  CUSTOM_FIELD_INVALID: {
    status: 400,
    'zh-CN': '自定义字段的值不正确',
    'en-US': 'A custom field value is not valid',
  },
  CUSTOM_FIELD_ENABLED: {
    status: 409,
    'zh-CN': '字段启用期间选项只读，请先停用该字段再修改选项',
    'en-US': 'The options are read-only while the field is enabled; disable it first',
  },
  CUSTOM_FIELD_IN_USE: {
    status: 409,
    'zh-CN': '该字段已有记录在使用或被其他字段依赖，请改为停用',
    'en-US': 'Records hold values of this field or another field depends on it; disable it instead',
  },
  CUSTOM_FIELD_LIMIT: {
    status: 409,
    'zh-CN': '每类记录最多 50 个自定义字段',
    'en-US': 'A record type can have at most 50 custom fields',
  },
  NUMBERING_RULE_AMBIGUOUS: {
    status: 400,
    'zh-CN': '重置周期不能比日期部分更细，否则编号会重复（例如按日重置时日期须精确到日）',
    'en-US':
      'The sequence cannot reset more often than the date part changes, or numbers would repeat (a daily reset needs a YYYYMMDD date)',
  },
  HOLD_LIMIT_REACHED: {
    status: 409,
    'zh-CN': '您持有的客户已达上限，不能再领取',
    'en-US': 'You already hold as many customers as this pool allows',
  },
  DAILY_CLAIM_LIMIT_REACHED: {
    status: 409,
    'zh-CN': '今日领取次数已达上限',
    'en-US': 'You have claimed as many customers today as this pool allows',
  },
  CLAIM_COOLDOWN: {
    status: 409,
    'zh-CN': '您刚放弃过该客户，冷却期内不能再次领取',
    'en-US': 'You released this customer recently; wait for the cooldown to end',
  },
  CUSTOMER_NOT_IN_POOL: {
    status: 409,
    'zh-CN': '该客户已不在公海中',
    'en-US': 'This customer is no longer in the pool',
  },
  NO_POOL: {
    status: 409,
    'zh-CN': '没有可放入的公海，请先设置公海',
    'en-US': 'There is no pool to release into; set one up first',
  },
  POOL_NOT_EMPTY: {
    status: 409,
    'zh-CN': '公海中还有客户，不能删除',
    'en-US': 'The pool still holds customers',
  },
  IMPORT_FILE_INVALID: {
    status: 400,
    'zh-CN': '无法读取文件，请上传 XLSX 或 CSV 文件（首行为表头）',
    'en-US': 'The file cannot be read; upload an XLSX or CSV file with a header row',
  },
  IMPORT_TOO_LARGE: {
    status: 413,
    'zh-CN': '文件超出导入上限（行数、解压后大小或文本量），请拆分后分批导入',
    'en-US': 'The file is over an import limit (rows, unpacked size or text); split it and import the parts',
  },
  IMPORT_NOT_RESUMABLE: {
    status: 409,
    'zh-CN': '只有被中断的导入才能继续',
    'en-US': 'Only an interrupted import can be resumed',
  },
  EXPORT_TOO_LARGE: {
    status: 413,
    'zh-CN': '数据量较大，无法直接下载，请使用后台导出',
    'en-US': 'Too many rows to download directly; start a background export',
  },
  TOO_MANY_EXPORTS: {
    status: 429,
    'zh-CN': '进行中的导出已达上限，请等待已有导出完成后再试',
    'en-US': 'Too many exports in progress; wait for one to finish and try again',
  },
  QUERY_TIMEOUT: {
    status: 503,
    'zh-CN': '查询耗时过长，请缩小筛选范围后重试',
    'en-US': 'The query took too long; narrow the filters and try again',
  },
  JOBS_UNAVAILABLE: {
    status: 503,
    'zh-CN': '后台任务服务未启动',
    'en-US': 'The background job service is not running',
  },
  NAME_TAKEN: { status: 409, 'zh-CN': '名称已存在', 'en-US': 'The name already exists' },
  TENANT_CODE_TAKEN: { status: 409, 'zh-CN': '租户代码已存在', 'en-US': 'The tenant code already exists' },
  BACKUP_MALFORMED: {
    status: 400,
    'zh-CN': '不是有效的备份文件',
    'en-US': 'The file is not a valid backup archive',
  },
  BACKUP_CHECKSUM_MISMATCH: {
    status: 400,
    'zh-CN': '备份文件已损坏或被改动（校验和不符）',
    'en-US': 'The backup archive is damaged or was altered (checksum mismatch)',
  },
  BACKUP_KEY_MISMATCH: {
    status: 409,
    'zh-CN': '备份中的密钥类数据由另一把服务器密钥加密，请以该密钥（GUANXI_SECRET_KEY）启动后再还原',
    'en-US':
      'The backup holds credentials sealed with another server key; start this server with that key (GUANXI_SECRET_KEY), then restore',
  },
  BACKUP_SCHEMA_NEWER: {
    status: 409,
    'zh-CN': '备份来自更新版本的系统，请先升级本系统',
    'en-US': 'The backup comes from a newer version; upgrade this server first',
  },
  BACKUP_SCHEMA_OLDER: {
    status: 409,
    'zh-CN': '备份来自较旧版本的系统，请在该版本上还原后再升级',
    'en-US': 'The backup comes from an older version; restore it on that version, then upgrade',
  },
  RESTORE_TARGET_NOT_EMPTY: {
    status: 409,
    'zh-CN': '系统中已有业务数据，不能做整系统还原',
    'en-US': 'This system already holds business data; a whole-system restore needs an empty one',
  },
  RESTORE_CONFIRM_MISMATCH: {
    status: 400,
    'zh-CN': '请输入要覆盖的租户代码以确认',
    'en-US': 'Type the code of the tenant to replace to confirm',
  },
  DEPARTMENT_NOT_EMPTY: {
    status: 409,
    'zh-CN': '部门下还有子部门或人员，不能删除',
    'en-US': 'The department still has sub-departments or users and cannot be deleted',
  },
  DEPARTMENT_CYCLE: {
    status: 409,
    'zh-CN': '不能把部门移动到它自己或它的下级部门之下',
    'en-US': 'A department cannot be moved under itself or one of its sub-departments',
  },
  DEPARTMENT_ROOT: {
    status: 409,
    'zh-CN': '根部门不能删除或移动',
    'en-US': 'The root department cannot be deleted or moved',
  },
  SUPERVISOR_CYCLE: {
    status: 409,
    'zh-CN': '上级设置会形成循环',
    'en-US': 'This supervisor would create a reporting cycle',
  },
  ROLE_IN_USE: {
    status: 409,
    'zh-CN': '角色仍有用户在使用，不能删除',
    'en-US': 'The role is still assigned to users and cannot be deleted',
  },
  SYSTEM_ROLE: {
    status: 409,
    'zh-CN': '系统管理员角色不能删除或去除管理权限',
    'en-US': 'The system administrator role cannot be deleted or lose its admin rights',
  },
  SELF_ACTION: {
    status: 409,
    'zh-CN': '不能对自己执行此操作',
    'en-US': 'You cannot do this to your own account',
  },
  PASSWORD_POLICY: {
    status: 400,
    'zh-CN': '密码不符合密码策略：长度不够或缺少要求的字符类别',
    'en-US':
      'The password does not meet the password policy: too short or missing a required kind of character',
  },
  PASSWORD_HAS_USERNAME: {
    status: 400,
    'zh-CN': '密码不能包含用户名',
    'en-US': 'The password must not contain the username',
  },
  PASSWORD_TOO_COMMON: {
    status: 400,
    'zh-CN': '这是最常见的密码之一，很容易被猜中，请换一个',
    'en-US': 'This is one of the most common passwords and easily guessed; choose another',
  },
  PASSWORD_WRONG: { status: 400, 'zh-CN': '当前密码错误', 'en-US': 'The current password is wrong' },
  PASSWORD_REUSED: {
    status: 400,
    'zh-CN': '新密码不能与当前密码相同',
    'en-US': 'The new password must differ from the current one',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    'zh-CN': '密码错误次数过多，账号已暂时锁定，请稍后再试',
    'en-US': 'Too many failed attempts; the account is locked for a while',
  },
  ACCOUNT_DISABLED: { status: 403, 'zh-CN': '账号已停用', 'en-US': 'The account is disabled' },
  LEAD_CLOSED: {
    status: 409,
    'zh-CN': '该线索已转化或已作废，不能再修改',
    'en-US': 'This lead has been converted or disqualified and can no longer be changed',
  },
  LEAD_GRAB_LIMIT: {
    status: 409,
    'zh-CN': '今日抢单数量已达上限',
    'en-US': 'You have reached today’s limit of leads taken from the pool',
  },
  RATE_LIMITED: {
    status: 429,
    'zh-CN': '请求过于频繁，请稍后再试',
    'en-US': 'Too many requests; try again later',
  },
  FILE_TYPE_NOT_ALLOWED: {
    status: 400,
    'zh-CN':
      '不支持此文件类型（可上传图片、PDF、Office 文档、压缩包、文本、音视频；不可上传网页、SVG 和程序）',
    'en-US':
      'This type of file is not allowed (images, PDF, Office documents, zip, text, audio and video are; web pages, SVG and programs are not)',
  },
  FILE_TOO_LARGE: {
    status: 413,
    'zh-CN': '文件超过大小上限',
    'en-US': 'The file is over the size limit',
  },
  INVALID_PHOTO: {
    status: 400,
    'zh-CN': '照片无效：请用相机拍摄一张照片（JPEG、PNG 或 WebP）',
    'en-US': 'The photo is not valid: take a photo with the camera (JPEG, PNG or WebP)',
  },
  PHOTO_REQUIRED: {
    status: 400,
    'zh-CN': '签到需要现场拍照',
    'en-US': 'A check-in needs a photo taken on the spot',
  },
  CHECKIN_OUT_OF_RANGE: {
    status: 422,
    'zh-CN': '不在签到范围内：离客户位置太远',
    'en-US': 'Out of range: too far from the customer to check in',
  },
  IDEMPOTENCY_KEY_REQUIRED: {
    status: 400,
    'zh-CN': '请求缺少 Idempotency-Key 请求头',
    'en-US': 'The request needs an Idempotency-Key header',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    'zh-CN': '此 Idempotency-Key 已用于另一个不同的请求',
    'en-US': 'This Idempotency-Key was already used for a different request',
  },
  WORK_REPORT_EXISTS: {
    status: 409,
    'zh-CN': '该周期的工作汇报已存在，请打开原汇报修改',
    'en-US': 'A work report for this period already exists; open it instead',
  },
  WORK_REPORT_SUBMITTED: {
    status: 409,
    'zh-CN': '工作汇报已提交，不能再修改或删除',
    'en-US': 'The work report is submitted and can no longer be changed or deleted',
  },
  PLAN_NOT_APPROVED: {
    status: 409,
    'zh-CN': '营销计划尚未审核通过，不能执行或签到',
    'en-US': 'The marketing plan is not approved yet; it cannot be executed or checked in to',
  },
  PLAN_NOT_EDITABLE: {
    status: 409,
    'zh-CN': '营销计划正在审批或已审核通过，不能修改',
    'en-US': 'The marketing plan is in approval or approved and can no longer be changed',
  },
  FEEDBACK_LOCKED: {
    status: 409,
    'zh-CN': '执行反馈已提交，不能再修改',
    'en-US': 'The feedback is submitted and locked',
  },
  OWN_SUBMISSION: {
    status: 403,
    'zh-CN': '不能审核自己提交的内容',
    'en-US': 'You cannot review your own submission',
  },
  MAILING_NOT_CONFIGURED: {
    status: 409,
    'zh-CN': '尚未配置发送通道：请先在群发设置中填写 SMTP 或短信服务',
    'en-US': 'No sending channel is configured: fill in SMTP or the SMS provider in the mailing settings',
  },
  MAILING_NOT_DRAFT: {
    status: 409,
    'zh-CN': '该群发已发送或已安排发送，不能再发送',
    'en-US': 'This mailing is already sent or scheduled',
  },
  MAILING_NO_RECIPIENTS: {
    status: 409,
    'zh-CN': '该群发没有可发送的收件人',
    'en-US': 'This mailing has no recipients to send to',
  },
  MAILING_DELIVERY_FAILED: {
    status: 502,
    'zh-CN': '发送失败：邮件或短信服务拒绝了该消息',
    'en-US': 'Sending failed: the mail or SMS service refused the message',
  },
  PAYLOAD_TOO_LARGE: { status: 413, 'zh-CN': '请求内容过大', 'en-US': 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    'zh-CN': '不支持的内容类型',
    'en-US': 'Unsupported content type',
  },
  METHOD_NOT_ALLOWED: { status: 405, 'zh-CN': '不支持该请求方法', 'en-US': 'Method not allowed' },
  INTERNAL_ERROR: {
    status: 500,
    'zh-CN': '服务器内部错误，请稍后再试',
    'en-US': 'Something went wrong on the server; try again later',
  },
  SERVICE_UNAVAILABLE: { status: 503, 'zh-CN': '服务暂不可用', 'en-US': 'The service is unavailable' },
  // The server key that seals stored credentials (TOTP secrets …): met at start, in the CLI, and
  // by a request whose stored secret cannot be opened.
  SECRET_KEY_INVALID: {
    status: 500,
    'zh-CN': '服务器密钥格式不正确：应为 32 字节随机数的 Base64 编码（例如 openssl rand -base64 32 的输出）',
    'en-US':
      'The server key is malformed: it must be 32 random bytes in Base64 (e.g. from openssl rand -base64 32)',
  },
  SECRET_KEY_MISMATCH: {
    status: 500,
    'zh-CN':
      '服务器密钥与数据库中的加密数据不匹配：请使用加密这些数据时的密钥（GUANXI_SECRET_KEY 或数据目录中的 secret.key）',
    'en-US':
      'The server key does not match the encrypted data in the database: use the key it was sealed with (GUANXI_SECRET_KEY or secret.key in the data directory)',
  },
  SECRET_UNREADABLE: {
    status: 500,
    'zh-CN': '无法解密已存储的密钥数据：数据已被篡改或损坏',
    'en-US': 'A stored secret cannot be decrypted: it was altered or damaged',
  },
  INSUFFICIENT_STOCK: {
    status: 409,
    'zh-CN': '库存不足',
    'en-US': 'Not enough stock',
  },
  PRODUCT_CODE_TAKEN: {
    status: 409,
    'zh-CN': '产品编码已被使用',
    'en-US': 'The product code is already in use',
  },
  PRODUCT_HAS_STOCK: {
    status: 409,
    'zh-CN': '产品仍有库存，不能删除，请改为停售',
    'en-US': 'The product still has stock; mark it discontinued instead of deleting it',
  },
  PRICE_LIST_DUPLICATE_PRODUCT: {
    status: 400,
    'zh-CN': '价格表中同一产品只能有一个价格',
    'en-US': 'A price list holds one price per product',
  },
  WAREHOUSE_CODE_TAKEN: {
    status: 409,
    'zh-CN': '仓库编码已被使用',
    'en-US': 'The warehouse code is already in use',
  },
  WAREHOUSE_IN_USE: {
    status: 409,
    'zh-CN': '仓库已有库存流水，不能删除，请改为停用',
    'en-US': 'The warehouse has stock entries; disable it instead of deleting it',
  },
  WAREHOUSE_INACTIVE: {
    status: 409,
    'zh-CN': '仓库已停用，不能出入库',
    'en-US': 'The warehouse is disabled and takes no stock moves',
  },
  LOCATION_IN_USE: {
    status: 409,
    'zh-CN': '库位已有库存流水，不能删除',
    'en-US': 'Stock entries name this location; it cannot be removed',
  },
  CHURN_DELAY_LIMIT: {
    status: 409,
    'zh-CN': '暂缓流失次数已达上限，请确认流失或等待客户下单',
    'en-US': 'This warning has been delayed as often as allowed; confirm the churn or wait for an order',
  },
  INVALID_TRANSITION: {
    status: 409,
    'zh-CN': '当前状态不允许此操作',
    'en-US': 'This change is not allowed in the current state',
  },
  TICKET_ARCHIVED: {
    status: 409,
    'zh-CN': '工单已归档，不能再修改',
    'en-US': 'The ticket is archived and can no longer be changed',
  },
  TICKET_REOPEN_EXPIRED: {
    status: 409,
    'zh-CN': '工单解决已超过可重开的天数，请新建工单',
    'en-US': 'The ticket was resolved too long ago to reopen; open a new ticket',
  },
  OPPORTUNITY_CLOSED: {
    status: 409,
    'zh-CN': '销售机会已赢单或已失败，不能再修改',
    'en-US': 'The opportunity is already won or lost and cannot be changed',
  },
  STAGE_IN_USE: {
    status: 409,
    'zh-CN': '该销售阶段仍有进行中的销售机会，不能删除',
    'en-US': 'Open opportunities are still in this stage; it cannot be deleted',
  },
  OVERPAYMENT: {
    status: 409,
    'zh-CN': '回款金额超过未收金额（如为预收款，请登记为预收款）',
    'en-US': 'The payment is more than the outstanding amount (record it as a prepayment if it is one)',
  },
  INVOICE_EXCEEDS_AMOUNT: {
    status: 409,
    'zh-CN': '开票金额超过可开票金额',
    'en-US': 'The invoice amount is more than the amount that can still be invoiced',
  },
  PLAN_EXCEEDS_AMOUNT: {
    status: 409,
    'zh-CN': '回款计划合计超过合同或订单金额',
    'en-US': 'The payment plans add up to more than the contract or order amount',
  },
  PLAN_BELOW_PAID: {
    status: 409,
    'zh-CN': '该回款计划已有回款，金额不能低于已回款金额，也不能删除',
    'en-US': 'Payments are allocated to this plan: its amount cannot go below them and it cannot be deleted',
  },
  NOT_RECEIVABLE: {
    status: 409,
    'zh-CN': '该合同或订单当前状态不能登记回款或开票',
    'en-US': 'Payments and invoices cannot be recorded for this contract or order in its current state',
  },
  TARGET_EXISTS: {
    status: 409,
    'zh-CN': '该部门或人员在此期间已有销售任务',
    'en-US': 'This department or person already has a target for this period',
  },
  TARGET_EXCEEDS_PARENT: {
    status: 409,
    'zh-CN': '分解的任务合计超过上级任务',
    'en-US': 'The split targets add up to more than the parent target',
  },
  PRINT_TEMPLATE_UNSAFE: {
    status: 400,
    'zh-CN': '打印模板不能使用不转义的输出（{{{ }}} 或 {{& }}）',
    'en-US': 'A print template may not use unescaped output ({{{ }}} or {{& }})',
  },
  REPORT_SUBSCRIPTION_LIMIT: {
    status: 409,
    'zh-CN': '每人最多订阅 20 个报表，请先删除不再需要的订阅',
    'en-US': 'You can have at most 20 report subscriptions; delete one you no longer need first',
  },
  PRINT_TEMPLATE_INVALID: {
    status: 400,
    'zh-CN': '打印模板语法有误',
    'en-US': 'The print template does not parse',
  },
  INSUFFICIENT_POINTS: {
    status: 409,
    'zh-CN': '会员积分不足',
    'en-US': 'The member does not have enough points',
  },
  MEMBER_EXISTS: {
    status: 409,
    'zh-CN': '该客户已是会员',
    'en-US': 'This customer is already a member',
  },
  MEMBER_NOT_ACTIVE: {
    status: 409,
    'zh-CN': '会员已冻结或注销，积分不能变动',
    'en-US': 'The member is frozen or cancelled; its points cannot change',
  },
  MEMBER_ALREADY_PARTICIPATED: {
    status: 409,
    'zh-CN': '该会员已参与过此活动',
    'en-US': 'The member already took part in this activity',
  },
  INSUFFICIENT_BALANCE: {
    status: 409,
    'zh-CN': '卡内余额不足',
    'en-US': 'The card balance is not enough',
  },
  CARD_NOT_USABLE: {
    status: 409,
    'zh-CN': '此卡不可使用（未激活、已冻结、已作废或已过期）',
    'en-US': 'The card cannot be used (not activated, frozen, scrapped or expired)',
  },
  CARD_SECRET_INVALID: { status: 403, 'zh-CN': '卡密错误', 'en-US': 'The card secret is wrong' },
  CARD_LOCKED: {
    status: 423,
    'zh-CN': '卡密连续输错 5 次，此卡已锁定，请联系管理员',
    'en-US': 'The card is locked after 5 wrong secrets; ask an administrator',
  },
  SECRETS_ALREADY_EXPORTED: {
    status: 410,
    'zh-CN': '该批次的卡密已导出过，不能再次导出',
    'en-US': 'The secrets of this batch were already exported once',
  },
  CARD_STATUS_INVALID: {
    status: 409,
    'zh-CN': '此卡当前状态不允许该操作',
    'en-US': 'The card’s status does not allow this',
  },
  CARD_STORE_NOT_ALLOWED: {
    status: 409,
    'zh-CN': '此卡不能在该门店使用',
    'en-US': 'The card cannot be used at this store',
  },
  CARD_DAILY_LIMIT: {
    status: 409,
    'zh-CN': '此卡今日使用次数已达上限',
    'en-US': 'The card has reached its uses for today',
  },
  CARD_ENTRY_NOT_REFUNDABLE: {
    status: 409,
    'zh-CN': '只有未退款的消费记录可以退款',
    'en-US': 'Only a consumption not yet refunded can be refunded',
  },
  WEBHOOK_URL_NOT_ALLOWED: {
    status: 400,
    'zh-CN': 'Webhook 地址不可用：只允许 http/https，且不能指向内网、本机或保留地址',
    'en-US': 'The webhook URL is not allowed: only http/https to a public address',
  },
} as const;

export type ErrorCode = keyof typeof errorCatalog;
export type Locale = 'zh-CN' | 'en-US';
export const locales: readonly Locale[] = ['zh-CN', 'en-US'];

export function errorMessage(code: ErrorCode, locale: Locale): string {
  return errorCatalog[code][locale];
}
