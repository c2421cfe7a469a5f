import { useState } from 'react';
import { Card } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { RegisteredPetitionView } from '../../api/petition.ts';
import { PETITIONS_PATH } from '../../app/paths.ts';
import { useT } from '../../i18n/locale-context.ts';
import { RegisteredResult } from './RegisteredResult.tsx';
import { RegisterPetitionForm } from './RegisterPetitionForm.tsx';

/** 登记信访: the form, then the case number and tracking code of what was registered. */
export function RegisterPetitionPage() {
  const t = useT();
  const [registered, setRegistered] = useState<RegisteredPetitionView | null>(null);
  return (
    <Card
      title={t.petitions.register}
      extra={
        <Link to={PETITIONS_PATH}>
          <ArrowLeftOutlined /> {t.petitions.backToList}
        </Link>
      }
    >
      {registered === null ? (
        <RegisterPetitionForm onRegistered={setRegistered} />
      ) : (
        <RegisteredResult registered={registered} onAnother={() => setRegistered(null)} />
      )}
    </Card>
  );
}
