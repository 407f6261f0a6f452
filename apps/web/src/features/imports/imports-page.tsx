import './texts.ts';
import {
  type ImportEntity,
  type ImportMode,
  type ImportPreview,
  importEntities,
  importPermissions,
} from '@guanxi/contract';
import { Button, Card, Flex, Steps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { usePreview, useStartImport } from './api.ts';
import { MappingStep } from './mapping-step.tsx';
import { ProgressStep } from './progress-step.tsx';
import { RecentImports } from './recent-imports.tsx';
import { UploadStep } from './upload-step.tsx';

/** 导入: upload → map columns and check the first rows → run as a job with progress and a report. */
export function ImportsPage() {
  const { t } = useTranslation('imports');
  const showError = useShowError();
  const [params, setParams] = useSearchParams();
  const can = useCan();
  const entities = importEntities.filter((e) => can(importPermissions[e]));
  const asked = entities.find((e) => e === params.get('entity'));
  const [entity, setEntity] = useState<ImportEntity>(asked ?? entities[0] ?? 'customers');
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<ImportPreview>();
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [mode, setMode] = useState<ImportMode>('skip');
  const [key, setKey] = useState(() => crypto.randomUUID());
  const previewing = usePreview();
  const starting = useStartImport();
  const running = params.get('id') ?? undefined;

  const reset = () => {
    setFile(undefined);
    setPreview(undefined);
    setMapping({});
    setKey(crypto.randomUUID());
    setParams({}, { replace: true });
  };
  const check = (f: File, m?: Record<string, string>) =>
    previewing.mutate(
      { entity, file: f, mapping: m },
      {
        onSuccess: (p) => {
          setPreview(p);
          setMapping(p.mapping);
        },
        onError: (e) => showError(e),
      },
    );
  const start = () => {
    if (!file) return;
    starting.mutate(
      { entity, mode, mapping, file, key },
      { onSuccess: ({ id }) => setParams({ id }, { replace: true }), onError: (e) => showError(e) },
    );
  };

  const step = running ? 2 : preview ? 1 : 0;
  return (
    <>
      <PageHeader title={t('title')} subTitle={t('subtitle')} />
      <Flex vertical gap={16}>
        <Card>
          <Steps
            size="small"
            responsive={false}
            current={step}
            items={[{ title: t('steps.upload') }, { title: t('steps.map') }, { title: t('steps.run') }]}
            style={{ marginBottom: 24 }}
          />
          {step === 0 ? (
            <UploadStep
              entities={entities}
              entity={entity}
              onEntity={setEntity}
              loading={previewing.isPending}
              onFile={(f) => {
                setFile(f);
                check(f);
              }}
            />
          ) : null}
          {step === 1 && preview ? (
            <Flex vertical gap={16}>
              <MappingStep
                entity={entity}
                preview={preview}
                mapping={mapping}
                onMapping={(m) => {
                  setMapping(m);
                  if (file) check(file, m);
                }}
                mode={mode}
                onMode={setMode}
              />
              <Flex gap={8} justify="end" wrap>
                <Button onClick={reset}>{t('back')}</Button>
                <Button type="primary" loading={starting.isPending} onClick={start}>
                  {t('start')}
                </Button>
              </Flex>
            </Flex>
          ) : null}
          {step === 2 && running ? (
            <ProgressStep id={running} onAgain={reset} fields={preview?.fields} />
          ) : null}
        </Card>
        <RecentImports onOpen={(id) => setParams({ id }, { replace: true })} />
      </Flex>
    </>
  );
}
