import { useState } from 'react';
import { App, Button, Flex, Popconfirm } from 'antd';
import { DragOutlined, EditOutlined, PlusOutlined, PoweroffOutlined, UndoOutlined } from '@ant-design/icons';
import type { UnitView } from '../../../../common/schemas/unit.ts';
import { activateUnit, deactivateUnit } from '../../api/unit.ts';
import { errorText } from '../../components/error-text.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { CreateUnitModal } from './CreateUnitModal.tsx';
import { MoveUnitModal } from './MoveUnitModal.tsx';
import { RenameUnitModal } from './RenameUnitModal.tsx';
import { childKindsOf } from './unit-kinds.ts';

type Props = { unit: UnitView; units: readonly UnitView[]; onChanged: (unit: UnitView) => void };
type Dialog = 'create' | 'rename' | 'move' | null;

/**
 * The unit verbs for managers: 新增下级, 重命名, 移动, 停用/启用. The top of the visible forest
 * cannot be moved or deactivated here (the server refuses the root with UNIT_ROOT_IMMUTABLE).
 */
export function UnitActions({ unit, units, onChanged }: Props) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [toggling, setToggling] = useState(false);
  const isVisibleRoot = unit.parentId === null || !units.some((candidate) => candidate.id === unit.parentId);

  const done = (changed: UnitView) => {
    setDialog(null);
    void message.success(t.common.saved);
    onChanged(changed);
  };

  const toggleActive = async () => {
    setToggling(true);
    try {
      done(unit.active ? await deactivateUnit(unit.id) : await activateUnit(unit.id));
    } catch (caught) {
      void message.error(errorText(t, caught, locale));
    } finally {
      setToggling(false);
    }
  };

  return (
    <>
      <Flex wrap gap={8} style={{ marginTop: 16 }}>
        <Button
          icon={<PlusOutlined />}
          disabled={!unit.active || childKindsOf(unit.kind).length === 0}
          onClick={() => setDialog('create')}
          data-testid="unit-add-child"
        >
          {t.units.addChild}
        </Button>
        <Button icon={<EditOutlined />} onClick={() => setDialog('rename')} data-testid="unit-rename">
          {t.units.rename}
        </Button>
        <Button
          icon={<DragOutlined />}
          disabled={isVisibleRoot}
          onClick={() => setDialog('move')}
          data-testid="unit-move"
        >
          {t.units.move}
        </Button>
        {unit.active ? (
          <Popconfirm
            title={t.units.deactivate}
            description={t.units.deactivateConfirm}
            okText={t.common.confirm}
            cancelText={t.common.cancel}
            onConfirm={() => void toggleActive()}
          >
            <Button
              danger
              icon={<PoweroffOutlined />}
              disabled={isVisibleRoot}
              loading={toggling}
              data-testid="unit-deactivate"
            >
              {t.units.deactivate}
            </Button>
          </Popconfirm>
        ) : (
          <Popconfirm
            title={t.units.activate}
            description={t.units.activateConfirm}
            okText={t.common.confirm}
            cancelText={t.common.cancel}
            onConfirm={() => void toggleActive()}
          >
            <Button icon={<UndoOutlined />} loading={toggling} data-testid="unit-activate">
              {t.units.activate}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      <CreateUnitModal open={dialog === 'create'} parent={unit} onCancel={() => setDialog(null)} onCreated={done} />
      <RenameUnitModal open={dialog === 'rename'} unit={unit} onCancel={() => setDialog(null)} onRenamed={done} />
      <MoveUnitModal
        open={dialog === 'move'}
        unit={unit}
        units={units}
        onCancel={() => setDialog(null)}
        onMoved={done}
      />
    </>
  );
}
