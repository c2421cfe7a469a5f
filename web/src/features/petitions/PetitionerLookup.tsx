import { useEffect, useState } from 'react';
import { Alert, Button, Flex, Form, Typography } from 'antd';
import { Link } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { PetitionerLookupView } from '../../../../common/schemas/petition.ts';
import { lookupPetitioner } from '../../api/petition.ts';
import { petitionPath } from '../../app/paths.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { PetitionStateTag } from './PetitionStateTag.tsx';

const LOOKUP_DELAY_MS = 400;
const ID_NUMBER_LENGTH = 18;
const PHONE_PATTERN = /^\d{11}$/;

type Query = { field: 'idNumber' | 'phone'; value: string };

/** What to look up: a full 18-character ID number first, else an 11-digit phone; null while incomplete. */
function queryOf(idNumber: unknown, phone: unknown): Query | null {
  const id = typeof idNumber === 'string' ? idNumber.trim() : '';
  if (id.length === ID_NUMBER_LENGTH) return { field: 'idNumber', value: id.toUpperCase() };
  const tel = typeof phone === 'string' ? phone.trim() : '';
  return PHONE_PATTERN.test(tel) ? { field: 'phone', value: tel } : null;
}

/**
 * Looks petitioner 0 up (debounced) as the officer types an ID number or a phone; when known,
 * shows their earlier petitions and a button that fills name and identity.
 */
export function PetitionerLookup() {
  const t = useT();
  const w = t.work;
  const { locale } = useLocale();
  const form = Form.useFormInstance();
  const idNumber: unknown = Form.useWatch(['petitioners', 0, 'idNumber'], form);
  const phone: unknown = Form.useWatch(['petitioners', 0, 'phone'], form);
  const query = queryOf(idNumber, phone);
  const field = query?.field ?? null;
  const value = query?.value ?? '';
  const key = field === null ? '' : `${field}:${value}`;
  const [found, setFound] = useState<{ key: string; view: PetitionerLookupView } | null>(null);

  useEffect(() => {
    if (field === null) return undefined;
    let current = true;
    const timer = window.setTimeout(() => {
      lookupPetitioner(field === 'idNumber' ? { idNumber: value } : { phone: value }).then(
        (view) => {
          if (current) setFound({ key: `${field}:${value}`, view });
        },
        () => {
          // A failed lookup only means no hint; registration goes on as usual.
        },
      );
    }, LOOKUP_DELAY_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [field, value]);

  if (found === null || found.key !== key || !found.view.found || found.view.petitioner === null) return null;
  const { petitioner, petitions } = found.view;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="petitioner-lookup"
      title={format(w.lookupFound, { name: petitioner.name })}
      description={
        <Flex vertical gap={4}>
          <Typography.Text type="secondary">
            {t.petitions.identities[petitioner.identity]}
            {petitioner.address === null ? '' : ` · ${petitioner.address}`}
          </Typography.Text>
          {petitions.length === 0 ? (
            <Typography.Text type="secondary">{w.lookupNoEarlier}</Typography.Text>
          ) : (
            <>
              <Typography.Text>{w.lookupEarlier}</Typography.Text>
              {petitions.map((petition) => (
                <Flex key={petition.id} wrap gap={8} align="center">
                  <Link to={petitionPath(petition.id)} target="_blank" rel="noopener">
                    <Typography.Text code>{petition.caseNumber}</Typography.Text> {petition.title}
                  </Link>
                  <PetitionStateTag state={petition.state} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(petition.receivedAt, locale)}
                  </Typography.Text>
                </Flex>
              ))}
            </>
          )}
        </Flex>
      }
      action={
        <Button
          size="small"
          type="primary"
          onClick={() => {
            form.setFieldValue(['petitioners', 0, 'name'], petitioner.name);
            form.setFieldValue(['petitioners', 0, 'identity'], petitioner.identity);
          }}
          data-testid="petitioner-lookup-use"
        >
          {w.usePetitioner}
        </Button>
      }
    />
  );
}
