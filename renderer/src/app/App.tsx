import { useEffect, useState } from 'react';
import type { SystemInfo } from '../../../electron/common/contract/kiosk-api';
import { useKioskApi } from '../platform/kiosk-api';

export function App() {
  const api = useKioskApi();
  const [info, setInfo] = useState<SystemInfo | null>(null);
  useEffect(() => {
    void api.system.getInfo().then(setInfo);
  }, [api]);
  return (
    <main>
      <h1>法通 自助法律服务</h1>
      <p>{info ? `版本 ${info.appVersion}` : '正在启动…'}</p>
    </main>
  );
}
