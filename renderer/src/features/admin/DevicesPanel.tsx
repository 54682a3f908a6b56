import { Fragment, useState } from 'react';
import type { AdminStatus } from '../../../../electron/common/contract/admin-api';
import type { DeviceState } from '../../../../electron/common/contract/kiosk-api';
import { Button } from '../../components/ui/Button';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { useT } from '../../i18n/I18nProvider';
import { useKioskApi } from '../../platform/kiosk-api';
import { useDeviceStatus } from '../../lib/use-device-status';
import { errorMessage, useAdminSession } from './admin-session';
import { deviceStateKey, deviceTone } from './admin-view';
import styles from './admin.module.css';

type Outcome = { phase: 'idle' } | { phase: 'busy' } | { phase: 'done'; ok: boolean; text: string };

/**
 * The printer and the ID-card reader live (devices.getStatus + its change event), with the
 * provisioned ports and the raw detail for the technician, a test page and a masked test card read.
 */
export function DevicesPanel({ status }: { status: AdminStatus | null }) {
  const t = useT();
  const api = useKioskApi();
  const admin = useAdminSession();
  const devices = useDeviceStatus();
  const [testPage, setTestPage] = useState<Outcome>({ phase: 'idle' });
  const [testCard, setTestCard] = useState<Outcome>({ phase: 'idle' });

  const printTestPage = () => {
    setTestPage({ phase: 'busy' });
    admin
      .run((token) => api.admin.printTestPage({ token }))
      .then(
        (r) => setTestPage({ phase: 'done', ok: r.ok, text: r.message }),
        (error: unknown) => setTestPage({ phase: 'done', ok: false, text: errorMessage(error) }),
      );
  };
  const readTestCard = () => {
    setTestCard({ phase: 'busy' });
    admin
      .run((token) => api.admin.readTestCard({ token }))
      .then(
        (r) => {
          const card = r.card
            ? ` — ${t('admin.devices.card', {
                cardType: r.card.cardType,
                name: r.card.maskedName,
                number: r.card.maskedIdNumber,
                valid: r.card.numberValid ? t('admin.devices.cardValid') : t('admin.devices.cardInvalid'),
              })}`
            : '';
          setTestCard({ phase: 'done', ok: r.ok, text: `${r.message}${card}` });
        },
        (error: unknown) => setTestCard({ phase: 'done', ok: false, text: errorMessage(error) }),
      );
  };

  // Each device, then its test: the printer with a test page, the reader with a masked card read.
  const rows: { device: { id: 'printer' | 'idReader'; name: string }; action: ActionRowProps }[] = [
    {
      device: { id: 'printer', name: t('admin.devices.printer') },
      action: {
        label: t('admin.devices.testPage'),
        busyText: t('admin.devices.testPageBusy'),
        outcome: testPage,
        onRun: printTestPage,
        testId: 'admin-test-page',
      },
    },
    {
      device: { id: 'idReader', name: t('admin.devices.idReader') },
      action: {
        label: t('admin.devices.testCard'),
        busyText: t('admin.devices.testCardBusy'),
        outcome: testCard,
        onRun: readTestCard,
        testId: 'admin-test-card',
      },
    },
  ];

  return (
    <section className={styles.panel} aria-labelledby="admin-devices-title" data-testid="admin-devices">
      <h2 id="admin-devices-title" className={styles.panelTitle}>
        {t('admin.devices.title')}
      </h2>
      {rows.map(({ device, action }) => (
        <Fragment key={device.id}>
          <DeviceRow id={device.id} name={device.name} state={devices?.[device.id]} port={status?.ports[device.id]} />
          <ActionRow {...action} />
        </Fragment>
      ))}
    </section>
  );
}

function DeviceRow({ id, name, state, port }: { id: string; name: string; state: DeviceState | undefined; port: string | null | undefined }) {
  const t = useT();
  return (
    <div className={styles.deviceRow} data-testid={`admin-device-${id}`} data-state={state?.state ?? 'unknown'}>
      <p className={styles.deviceName}>
        {name} <StatusBadge tone={deviceTone(state?.state)}>{t(deviceStateKey(state?.state))}</StatusBadge>
      </p>
      <p className={styles.detail}>{t('admin.devices.port', { port: port ?? t('admin.notSet') })}</p>
      {state?.detail && <p className={styles.detail}>{t('admin.devices.detail', { detail: state.detail })}</p>}
    </div>
  );
}

type ActionRowProps = { label: string; busyText: string; outcome: Outcome; onRun(): void; testId: string };

/** A button, and under it what happened (busy line while it runs; 成功/失败 with the host's one line). */
export function ActionRow({ label, busyText, outcome, onRun, testId }: ActionRowProps) {
  const t = useT();
  return (
    <div className={styles.actionRow}>
      <Button variant="secondary" onClick={onRun} disabled={outcome.phase === 'busy'} data-testid={testId}>
        {label}
      </Button>
      <p className={styles.result} role="status" data-testid={`${testId}-result`} data-ok={outcome.phase === 'done' ? String(outcome.ok) : undefined}>
        {outcome.phase === 'busy' ? busyText : outcome.phase === 'done' ? t(outcome.ok ? 'admin.ok' : 'admin.failed', { message: outcome.text }) : ''}
      </p>
    </div>
  );
}
