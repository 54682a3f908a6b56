import type { zhCNSession } from './zh-cn-session';

/** English for zh-cn-session.ts (spread into en.ts). */
export const enSession: Readonly<Record<keyof typeof zhCNSession, string>> = {
  'shell.contrast': 'High contrast',
  'shell.readAloud': 'Listen: read this screen aloud',
  'shell.readAloudStop': 'Stop reading',
  'shell.contrastShort': 'Contrast',
  'shell.readAloudShort': 'Listen',
  'shell.readAloudStopShort': 'Stop',
  'shell.readAloudUnavailable': 'No voice is installed on this machine yet, so it cannot read aloud. Please ask the staff for help.',

  'session.idle.title': 'Are you still there?',
  'session.idle.detail': 'In {seconds} seconds the kiosk returns to the start and clears what you looked at and entered.',
  'session.idle.continue': 'Keep using',
  'session.idle.end': 'No, finish',

  'attract.start': 'Touch the screen to start',
  'attract.slide': 'Know the law',
  'attract.announcement': 'Notice',
  'attract.help': 'Legal advice hotline',
  'attract.hotline': '{name}: call this number with any legal question.',
  'attract.basis': 'Basis: {cites}',

  'feedback.question': 'Were you satisfied with this service?',
  'feedback.satisfied': 'Satisfied',
  'feedback.neutral': 'Mostly',
  'feedback.unsatisfied': 'Not satisfied',
  'feedback.thanks': 'Thank you for your rating!',
  'feedback.reasons': 'What was not good enough? (optional)',
  'feedback.reason.notFound': 'Did not find it',
  'feedback.reason.hardToRead': 'Hard to read',
  'feedback.reason.hardToUse': 'Hard to use',
  'feedback.reason.device': 'Machine problem',
  'feedback.reason.slow': 'Too slow',
  'feedback.close': 'Close',
};
