import { useCallback, useState } from 'react';
import { Alert, Button, Card, Flex, Radio, Result, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { TestResultView } from '../../../../common/schemas/training.ts';
import { getTest, submitTest } from '../../api/training.ts';
import { TRAINING_PATH } from '../../app/paths.ts';
import { errorText } from '../../components/error-text.ts';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

/**
 * 随堂测试, on the phone: one card per question, the choices as large radio buttons; the answers go to the
 * server, which scores them against the course (the page never knows the right answers).
 */
export function TestPage() {
  const { id = '' } = useParams();
  const t = useT();
  const x = t.training.test;
  const { locale } = useLocale();
  const load = useCallback(() => getTest(id), [id]);
  const test = useLoader(load);
  const [answers, setAnswers] = useState<Record<number, number>>({});
  const [result, setResult] = useState<TestResultView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [missing, setMissing] = useState(false);

  if (test.data === undefined) {
    if (test.loading) return <PageSpinner />;
    return (
      <Result
        status="warning"
        title={errorText(t, test.error, locale)}
        extra={<Link to={TRAINING_PATH}>{x.back}</Link>}
      />
    );
  }
  const view = test.data;
  const back = <Link to={TRAINING_PATH}>{x.back}</Link>;
  if (result?.passed === true || (result === null && view.result?.passed === true)) {
    const shown = result ?? null;
    return (
      <Result
        status="success"
        title={x.passed}
        subTitle={
          shown === null
            ? x.passedAlready
            : format(x.result, { score: shown.score, correct: shown.correct, total: shown.total })
        }
        extra={back}
        data-testid="test-passed"
      />
    );
  }

  const submit = async () => {
    if (view.questions.some((_, i) => answers[i] === undefined)) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setSubmitting(true);
    setError(null);
    try {
      setResult(
        await submitTest(
          view.sessionId,
          view.questions.map((_, i) => answers[i] ?? 0),
        ),
      );
      setAnswers({});
    } catch (caught) {
      setError(caught);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Flex vertical gap={12} style={{ maxWidth: 640 }}>
      <Card size="small" title={`${x.title} · ${view.courseTitle}`} extra={back}>
        <Typography.Text type="secondary">
          {format(x.passMark, { mark: view.passMark, count: view.questions.length })}
        </Typography.Text>
      </Card>
      {result !== null && (
        <Alert
          type="warning"
          showIcon
          title={format(x.result, { score: result.score, correct: result.correct, total: result.total })}
          description={x.failed}
          data-testid="test-failed"
        />
      )}
      {error !== null && <Alert type="error" showIcon title={errorText(t, error, locale)} />}
      {view.questions.map((q, i) => (
        <Card key={`${String(i)}-${q.text}`} size="small" title={`${String(i + 1)}. ${q.text}`}>
          <Radio.Group
            value={answers[i]}
            onChange={(e) => setAnswers((a) => ({ ...a, [i]: e.target.value as number }))}
            data-testid={`question-${String(i)}`}
            style={{ width: '100%' }}
          >
            <Flex vertical gap={8}>
              {q.choices.map((choice, c) => (
                <Radio key={choice} value={c} style={{ padding: '8px 0', fontSize: 16 }}>
                  {choice}
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Card>
      ))}
      {missing && <Alert type="error" showIcon title={x.unanswered} />}
      <Button
        type="primary"
        size="large"
        block
        loading={submitting}
        onClick={() => void submit()}
        data-testid="test-submit"
      >
        {x.submit}
      </Button>
    </Flex>
  );
}
