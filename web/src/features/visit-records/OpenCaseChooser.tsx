import { useEffect, useState } from 'react';
import { Alert, Button, Flex, Form, Typography } from 'antd';
import { isOpen } from '../../../../common/domain/petition-state.ts';
import { format } from '../../../../common/i18n/index.ts';
import type { PetitionerLookupView } from '../../../../common/schemas/petition.ts';
import { lookupPetitioner } from '../../api/petition.ts';
import { useT } from '../../i18n/locale-context.ts';
import { PetitionStateTag } from '../petitions/PetitionStateTag.tsx';

const LOOKUP_DELAY_MS = 400;

/** A full ID number, else an 11-digit phone of the first visitor; null while incomplete. */
function queryOf(idNumber: unknown, phone: unknown): { idNumber: string } | { phone: string } | null {
  const id = typeof idNumber === 'string' ? idNumber.trim() : '';
  if (id.length === 18) return { idNumber: id.toUpperCase() };
  const tel = typeof phone === 'string' ? phone.trim() : '';
  return /^\d{11}$/.test(tel) ? { phone: tel } : null;
}

/**
 * A known visitor (looked up by ID number or phone as the officer types, debounced): fill in the
 * person, or record the visit on one of their open cases (并入此件) instead of a new petition.
 * Shown only to the office, who may look people up; for anyone else the look-up finds nothing.
 */
export function OpenCaseChooser({ onJoin }: { onJoin: (petitionId: string, caseNumber: string) => void }) {
  const t = useT();
  const v = t.intake.visit;
  const form = Form.useFormInstance();
  const idNumber: unknown = Form.useWatch(['petitioners', 0, 'idNumber'], form);
  const phone: unknown = Form.useWatch(['petitioners', 0, 'phone'], form);
  const query = queryOf(idNumber, phone);
  const key = query === null ? '' : JSON.stringify(query);
  const [found, setFound] = useState<{ key: string; view: PetitionerLookupView } | null>(null);

  useEffect(() => {
    if (key === '') return undefined;
    let current = true;
    const timer = window.setTimeout(() => {
      lookupPetitioner(JSON.parse(key) as { idNumber: string } | { phone: string }).then(
        (view) => {
          if (current) setFound({ key, view });
        },
        () => {
          // No hint: the visit is registered as a new petition as usual.
        },
      );
    }, LOOKUP_DELAY_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [key]);

  if (found === null || found.key !== key || found.view.petitioner === null) return null;
  const { petitioner } = found.view;
  const open = found.view.petitions.filter((p) => isOpen(p.state));
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="visit-open-cases"
      title={format(t.work.lookupFound, { name: petitioner.name })}
      action={
        <Button
          size="small"
          onClick={() => {
            form.setFieldValue(['petitioners', 0, 'name'], petitioner.name);
            form.setFieldValue(['petitioners', 0, 'identity'], petitioner.identity);
          }}
        >
          {t.work.usePetitioner}
        </Button>
      }
      description={
        open.length === 0 ? null : (
          <Flex vertical gap={4}>
            <Typography.Text>{format(v.openCases, { name: petitioner.name })}</Typography.Text>
            {open.map((petition) => (
              <Flex key={petition.id} wrap gap={8} align="center">
                <Typography.Text code>{petition.caseNumber}</Typography.Text>
                <Typography.Text>{petition.title}</Typography.Text>
                <PetitionStateTag state={petition.state} />
                <Button
                  size="small"
                  type="primary"
                  onClick={() => onJoin(petition.id, petition.caseNumber)}
                  data-testid={`visit-join-${petition.caseNumber}`}
                >
                  {v.chooseCase}
                </Button>
              </Flex>
            ))}
          </Flex>
        )
      }
    />
  );
}
