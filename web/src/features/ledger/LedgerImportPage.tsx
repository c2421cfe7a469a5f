import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Progress, Result, Steps, Typography, Upload, type UploadProps } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { format } from '../../../../common/i18n/index.ts';
import type { LedgerDryRunView, LedgerImportView, LedgerMapping } from '../../../../common/schemas/ledger.ts';
import { dryRunLedgerImport, getLedgerImport, runLedgerImport, uploadLedger } from '../../api/ledger.ts';
import { errorText } from '../../components/error-text.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { ImportErrorsTable } from './ImportErrorsTable.tsx';
import { MappingTable } from './MappingTable.tsx';

const POLL_MS = 400;

type Step = 'upload' | 'mapping' | 'dryRun' | 'run' | 'result';
const STEPS: readonly Step[] = ['upload', 'mapping', 'dryRun', 'run', 'result'];

/** 台账导入: upload → column mapping → dry run of every row → import in one transaction with progress → result. */
export function LedgerImportPage() {
  const t = useT();
  const l = t.ledger;
  const { locale } = useLocale();
  const [step, setStep] = useState<Step>('upload');
  const [job, setJob] = useState<LedgerImportView | null>(null);
  const [mapping, setMapping] = useState<LedgerMapping>({});
  const [report, setReport] = useState<LedgerDryRunView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // While the import runs, poll its progress until it is done or failed.
  useEffect(() => {
    if (step !== 'run' || job === null) return;
    let stopped = false;
    const timer = setInterval(() => {
      getLedgerImport(job.id).then(
        (view) => {
          if (stopped) return;
          setJob(view);
          if (view.status === 'done' || view.status === 'failed') setStep('result');
        },
        (e: unknown) => setError(e),
      );
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [step, job?.id]);

  const act = (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    work().then(
      () => setBusy(false),
      (e: unknown) => {
        setBusy(false);
        setError(e);
      },
    );
  };

  const customRequest: UploadProps['customRequest'] = ({ file }) => {
    if (!(file instanceof File)) return;
    act(async () => {
      const view = await uploadLedger(file, file.name);
      setJob(view);
      setMapping(view.mapping);
      setReport(null);
      setStep('mapping');
    });
  };

  const restart = () => {
    setJob(null);
    setReport(null);
    setError(null);
    setStep('upload');
  };

  const progress = job?.progress ?? null;
  const percent = progress === null || progress.total === 0 ? 0 : Math.round((progress.done / progress.total) * 100);

  return (
    <Card title={l.title}>
      <Flex vertical gap={16}>
        <Steps current={STEPS.indexOf(step)} items={STEPS.map((s) => ({ title: l.steps[s] }))} size="small" />
        {error !== null && (
          <Alert type="error" showIcon title={errorText(t, error, locale)} data-testid="ledger-error" />
        )}

        {step === 'upload' && (
          <Upload.Dragger
            accept=".xlsx,.csv"
            showUploadList={false}
            customRequest={customRequest}
            disabled={busy}
            data-testid="ledger-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{l.choose}</p>
            <Typography.Text type="secondary">{l.uploadHint}</Typography.Text>
          </Upload.Dragger>
        )}

        {step === 'mapping' && job !== null && (
          <>
            <Typography.Text>
              {job.fileName} · {format(l.rows, { n: job.rowCount })}
            </Typography.Text>
            <Alert
              type="info"
              showIcon
              title={job.mappingSaved ? l.mappingSaved : l.mappingHint}
              data-testid="ledger-mapping-hint"
            />
            <MappingTable headers={job.headers} sample={job.sample} mapping={mapping} onChange={setMapping} />
            <Flex gap={8}>
              <Button onClick={restart}>{l.back}</Button>
              <Button
                type="primary"
                loading={busy}
                onClick={() =>
                  act(async () => {
                    setReport(await dryRunLedgerImport(job.id, mapping));
                    setStep('dryRun');
                  })
                }
                data-testid="ledger-dry-run"
              >
                {l.dryRun}
              </Button>
            </Flex>
          </>
        )}

        {step === 'dryRun' && job !== null && report !== null && (
          <>
            {report.errorCount === 0 ? (
              <Alert
                type="success"
                showIcon
                title={format(l.dryRunOk, { valid: report.valid, duplicates: report.duplicates })}
                data-testid="ledger-dry-run-ok"
              />
            ) : (
              <>
                <Alert
                  type="error"
                  showIcon
                  title={format(l.dryRunFailed, { count: report.errorCount })}
                  data-testid="ledger-dry-run-failed"
                />
                <ImportErrorsTable errors={report.errors} />
              </>
            )}
            <Flex gap={8}>
              <Button onClick={() => setStep('mapping')}>{l.back}</Button>
              {report.errorCount > 0 ? (
                <Button onClick={restart} data-testid="ledger-restart">
                  {l.again}
                </Button>
              ) : (
                <Button
                  type="primary"
                  loading={busy}
                  onClick={() =>
                    act(async () => {
                      setJob(await runLedgerImport(job.id, mapping));
                      setStep('run');
                    })
                  }
                  data-testid="ledger-run"
                >
                  {l.runImport}
                </Button>
              )}
            </Flex>
          </>
        )}

        {step === 'run' && (
          <Flex vertical gap={8}>
            <Typography.Text>
              {l.running} {progress === null ? '' : `${l.phases[progress.phase]} ${progress.done} / ${progress.total}`}
            </Typography.Text>
            <Progress percent={percent} status="active" data-testid="ledger-progress" />
          </Flex>
        )}

        {step === 'result' && job !== null && (
          <>
            <Result
              status={job.status === 'done' ? 'success' : 'error'}
              title={
                job.status === 'done' && job.result !== null
                  ? format(l.done, { imported: job.result.imported, skipped: job.result.skipped })
                  : l.failed
              }
              extra={
                <Button onClick={restart} data-testid="ledger-restart">
                  {l.again}
                </Button>
              }
              data-testid={job.status === 'done' ? 'ledger-done' : 'ledger-failed'}
            />
            {job.status !== 'done' && <ImportErrorsTable errors={job.errors} />}
          </>
        )}
      </Flex>
    </Card>
  );
}
