/** The demo company: 本部 → 2 大区 → 4 分公司 → 8 门店, and people of every role. */
export type DemoDepartment = { key: string; name: string; parent?: string };
export type DemoUser = {
  username: string;
  name: string;
  department: string;
  role: 'admin' | 'executive' | 'sales_supervisor' | 'account_manager' | 'marketing' | 'service';
  supervisor?: string;
  jobTitle: string;
  phone: string;
  employeeCode: string;
};

export const demoCompany = { code: 'demo', name: '关系演示有限公司' };

export const demoDepartments: DemoDepartment[] = [
  { key: 'east', name: '华东大区', parent: 'root' },
  { key: 'south', name: '华南大区', parent: 'root' },
  { key: 'sh', name: '上海分公司', parent: 'east' },
  { key: 'hz', name: '杭州分公司', parent: 'east' },
  { key: 'gz', name: '广州分公司', parent: 'south' },
  { key: 'sz', name: '深圳分公司', parent: 'south' },
  { key: 'sh-pd', name: '浦东中心门店', parent: 'sh' },
  { key: 'sh-xh', name: '徐汇小微门店', parent: 'sh' },
  { key: 'hz-xh', name: '西湖中心门店', parent: 'hz' },
  { key: 'hz-bj', name: '滨江小微门店', parent: 'hz' },
  { key: 'gz-th', name: '天河中心门店', parent: 'gz' },
  { key: 'gz-yx', name: '越秀小微门店', parent: 'gz' },
  { key: 'sz-ns', name: '南山中心门店', parent: 'sz' },
  { key: 'sz-ft', name: '福田小微门店', parent: 'sz' },
];

export const demoUsers: DemoUser[] = [
  { username: 'wangjianguo', name: '王建国', department: 'root', role: 'executive', jobTitle: '总经理', phone: '13800010001', employeeCode: 'GX0001' },
  { username: 'lihong', name: '李红', department: 'root', role: 'executive', supervisor: 'wangjianguo', jobTitle: '销售副总', phone: '13800010002', employeeCode: 'GX0002' },
  { username: 'zhaomin', name: '赵敏', department: 'east', role: 'sales_supervisor', supervisor: 'lihong', jobTitle: '华东大区经理', phone: '13800010003', employeeCode: 'HD0001' },
  { username: 'sunli', name: '孙丽', department: 'south', role: 'sales_supervisor', supervisor: 'lihong', jobTitle: '华南大区经理', phone: '13800010004', employeeCode: 'HN0001' },
  { username: 'zhouqiang', name: '周强', department: 'sh', role: 'sales_supervisor', supervisor: 'zhaomin', jobTitle: '上海分公司经理', phone: '13800010005', employeeCode: 'SH0001' },
  { username: 'wuting', name: '吴婷', department: 'hz', role: 'sales_supervisor', supervisor: 'zhaomin', jobTitle: '杭州分公司经理', phone: '13800010006', employeeCode: 'HZ0001' },
  { username: 'zhengkai', name: '郑凯', department: 'gz', role: 'sales_supervisor', supervisor: 'sunli', jobTitle: '广州分公司经理', phone: '13800010007', employeeCode: 'GZ0001' },
  { username: 'chenjing', name: '陈静', department: 'sz', role: 'sales_supervisor', supervisor: 'sunli', jobTitle: '深圳分公司经理', phone: '13800010008', employeeCode: 'SZ0001' },
  { username: 'liuyang', name: '刘洋', department: 'sh-pd', role: 'account_manager', supervisor: 'zhouqiang', jobTitle: '客户经理', phone: '13800010009', employeeCode: 'SH0002' },
  { username: 'huangwei', name: '黄伟', department: 'sh-xh', role: 'account_manager', supervisor: 'zhouqiang', jobTitle: '客户经理', phone: '13800010010', employeeCode: 'SH0003' },
  { username: 'xufang', name: '徐芳', department: 'hz-xh', role: 'account_manager', supervisor: 'wuting', jobTitle: '客户经理', phone: '13800010011', employeeCode: 'HZ0002' },
  { username: 'majun', name: '马军', department: 'hz-bj', role: 'account_manager', supervisor: 'wuting', jobTitle: '客户经理', phone: '13800010012', employeeCode: 'HZ0003' },
  { username: 'hulin', name: '胡琳', department: 'gz-th', role: 'account_manager', supervisor: 'zhengkai', jobTitle: '客户经理', phone: '13800010013', employeeCode: 'GZ0002' },
  { username: 'guoyong', name: '郭勇', department: 'gz-yx', role: 'account_manager', supervisor: 'zhengkai', jobTitle: '客户经理', phone: '13800010014', employeeCode: 'GZ0003' },
  { username: 'linxue', name: '林雪', department: 'sz-ns', role: 'account_manager', supervisor: 'chenjing', jobTitle: '客户经理', phone: '13800010015', employeeCode: 'SZ0002' },
  { username: 'hejie', name: '何杰', department: 'sz-ft', role: 'account_manager', supervisor: 'chenjing', jobTitle: '客户经理', phone: '13800010016', employeeCode: 'SZ0003' },
  { username: 'gaoyan', name: '高燕', department: 'east', role: 'marketing', supervisor: 'zhaomin', jobTitle: '市场专员', phone: '13800010017', employeeCode: 'HD0002' },
  { username: 'luobin', name: '罗斌', department: 'south', role: 'marketing', supervisor: 'sunli', jobTitle: '市场专员', phone: '13800010018', employeeCode: 'HN0002' },
  { username: 'liangxiao', name: '梁晓', department: 'sh', role: 'service', supervisor: 'zhouqiang', jobTitle: '客服专员', phone: '13800010019', employeeCode: 'SH0004' },
  { username: 'songqian', name: '宋倩', department: 'gz', role: 'service', supervisor: 'zhengkai', jobTitle: '客服专员', phone: '13800010020', employeeCode: 'GZ0004' },
];
