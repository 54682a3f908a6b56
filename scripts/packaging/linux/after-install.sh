#!/bin/bash
# deb post-install (electron-builder fills in ${sanitizedProductName} and ${executable}).
# Does what electron-builder's default script does, then installs the systemd user unit.
set -e

ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
# Chromium's setuid sandbox helper (electron-builder's default after-install does the same).
chmod 4755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
if hash update-mime-database 2>/dev/null; then update-mime-database /usr/share/mime || true; fi
if hash update-desktop-database 2>/dev/null; then update-desktop-database /usr/share/applications || true; fi

# Supervision: restart on crash/hang with a watchdog (README → Provisioning → Supervision).
install -D -m 0644 '/opt/${sanitizedProductName}/resources/systemd/fatong-kiosk.service' /usr/lib/systemd/user/fatong-kiosk.service
if hash systemctl 2>/dev/null; then
  systemctl --global enable fatong-kiosk.service || true
fi

# Optional fleet monitoring (README → Fleet monitoring): a Prometheus agent started by the technician
# once /etc/fatong/prometheus-agent.yml exists; installed but not enabled here.
install -D -m 0644 '/opt/${sanitizedProductName}/resources/systemd/fatong-monitoring-agent.service' /usr/lib/systemd/system/fatong-monitoring-agent.service
if hash systemctl 2>/dev/null; then systemctl daemon-reload || true; fi
