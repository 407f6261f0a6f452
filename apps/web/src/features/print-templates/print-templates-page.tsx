import './texts.ts';
import { CopyOutlined, EyeOutlined, RollbackOutlined, SaveOutlined } from '@ant-design/icons';
import { type PrintDocumentType, type PrintTemplate, printDocumentTypes } from '@guanxi/contract';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Input,
  List,
  Popconfirm,
  Row,
  Skeleton,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { copyText } from '../../lib/copy-text.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { previewTemplate, usePrintTemplate, useRestoreDefault, useSavePrintTemplate } from './api.ts';
import { PrintFrame } from './print-frame.tsx';

/** 打印模板 (settings): one tab per document type — the template, its variables, a live preview. */
export function PrintTemplatesPage() {
  const { t } = useTranslation('printTemplates');
  const [params, setParams] = useSearchParams();
  const type = (printDocumentTypes as readonly string[]).includes(params.get('type') ?? '')
    ? (params.get('type') as PrintDocumentType)
    : 'quote';
  return (
    <>
      <PageHeader title={t('title')} subTitle={t('subtitle')} />
      <Tabs
        activeKey={type}
        onChange={(key) => setParams({ type: key }, { replace: true })}
        items={printDocumentTypes.map((k) => ({ key: k, label: t(`types.${k}`) }))}
        destroyOnHidden
      />
      <TemplateEditor key={type} type={type} />
    </>
  );
}

function TemplateEditor({ type }: { type: PrintDocumentType }) {
  const { t } = useTranslation('printTemplates');
  const current = usePrintTemplate(type);
  if (current.isError) return <QueryError error={current.error} onRetry={() => void current.refetch()} />;
  if (!current.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return <Editor key={current.data.version} type={type} saved={current.data} label={t(`types.${type}`)} />;
}

function Editor({ type, saved, label }: { type: PrintDocumentType; saved: PrintTemplate; label: string }) {
  const { t, i18n } = useTranslation('printTemplates');
  const { message } = App.useApp();
  const showError = useShowError();
  const phone = useIsPhone();
  const [text, setText] = useState(saved.template);
  useEffect(() => setText(saved.template), [saved.template]);
  const debounced = useDebouncedValue(text, 400);
  const save = useSavePrintTemplate(type);
  const restore = useRestoreDefault(type);
  const preview = useQuery({
    queryKey: ['print-templates', 'preview', type, debounced],
    queryFn: ({ signal }) => previewTemplate(type, debounced, signal),
    enabled: debounced.trim().length > 0,
    retry: false,
    placeholderData: (previous) => previous,
  });
  const dirty = text !== saved.template;
  const lang = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';

  const onSave = async () => {
    try {
      await save.mutateAsync({ template: text, version: saved.version });
      message.success(t('saved'));
    } catch (e) {
      showError(e);
    }
  };
  const onRestore = async () => {
    try {
      await restore.mutateAsync(saved.version);
      message.success(t('restored'));
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card
          size="small"
          title={
            <Flex gap={8} align="center" wrap>
              {t('editor')}
              {saved.isDefault ? (
                <Tag color="blue">{t('isDefault')}</Tag>
              ) : (
                <Tag color="green">{t('isCustom')}</Tag>
              )}
              {dirty ? <Tag color="gold">{t('unsaved')}</Tag> : null}
            </Flex>
          }
          extra={
            <Flex gap={8} wrap>
              <Popconfirm
                title={t('restoreConfirm')}
                onConfirm={() => (saved.isDefault ? setText(saved.defaultTemplate) : onRestore())}
                okText={t('restore')}
                cancelText={t('cancel')}
              >
                <Button size="small" icon={<RollbackOutlined aria-hidden />} loading={restore.isPending}>
                  {t('restore')}
                </Button>
              </Popconfirm>
              <Button
                size="small"
                type="primary"
                icon={<SaveOutlined aria-hidden />}
                disabled={!dirty || !text.trim()}
                loading={save.isPending}
                onClick={() => void onSave()}
              >
                {t('save')}
              </Button>
            </Flex>
          }
        >
          <Input.TextArea
            aria-label={t('editorLabel', { type: label })}
            value={text}
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
            autoSize={{ minRows: phone ? 10 : 22, maxRows: phone ? 16 : 34 }}
            style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 }}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('syntax')}
          </Typography.Paragraph>
        </Card>
        <Card size="small" title={t('variables')} style={{ marginTop: 16 }}>
          <List
            size="small"
            dataSource={saved.variables}
            renderItem={(v) => {
              const tag = v.kind === 'list' ? `{{#${v.name}}}…{{/${v.name}}}` : `{{${v.name}}}`;
              return (
                <List.Item
                  actions={[
                    <Button
                      key="copy"
                      type="text"
                      size="small"
                      icon={<CopyOutlined aria-hidden />}
                      aria-label={t('copy', { tag })}
                      onClick={() => void copyText(tag).then((ok) => ok && message.success(t('copied')))}
                    />,
                  ]}
                >
                  <Flex vertical gap={2}>
                    <span>
                      <Typography.Text code>{tag}</Typography.Text> {v.label[lang]}
                    </span>
                    {v.fields ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {v.fields.map((f) => `{{${f.name}}} ${f.label[lang]}`).join('　')}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                </List.Item>
              );
            }}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card
          size="small"
          title={
            <Flex gap={8} align="center">
              <EyeOutlined aria-hidden />
              {t('preview')}
            </Flex>
          }
          styles={{ body: { padding: 8 } }}
        >
          {preview.isError ? (
            <Alert
              type="error"
              showIcon
              message={(preview.error as Error).message}
              description={
                (preview.error as { details?: { message: string }[] }).details
                  ?.map((d) => d.message)
                  .join('；') || undefined
              }
            />
          ) : null}
          {preview.data ? (
            <PrintFrame
              title={t('previewTitle', { type: label })}
              html={preview.data.html}
              height={phone ? 480 : 760}
            />
          ) : (
            <Skeleton active paragraph={{ rows: 10 }} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
