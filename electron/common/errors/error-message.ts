// One helper for the whole kiosk: content code owns it because kiosk-content/src/*/common may import nothing outside itself.
export { errorMessage } from '../../../kiosk-content/src/errors/common/error-message';
