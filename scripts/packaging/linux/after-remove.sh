#!/bin/bash
# deb post-remove: undo after-install.sh. The kiosk's data (KIOSK_DATA_DIR) is left in place.
if hash systemctl 2>/dev/null; then
  systemctl --global disable fatong-kiosk.service || true
fi
rm -f /usr/lib/systemd/user/fatong-kiosk.service
if hash systemctl 2>/dev/null; then
  systemctl disable --now fatong-monitoring-agent.service || true
fi
rm -f /usr/lib/systemd/system/fatong-monitoring-agent.service
rm -f '/usr/bin/${executable}'
