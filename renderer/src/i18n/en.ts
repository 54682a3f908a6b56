import type { Dictionary } from './zh-cn';

/** English, for visitors and technicians. Typed as Dictionary, so a missing key fails to compile. */
export const en: Dictionary = {
  'app.name': 'Fatong',
  'app.tagline': 'Self-service legal help',

  'shell.home': 'Home',
  'shell.back': 'Back',
  'shell.largeText': 'Large text',
  'shell.largeTextOn': 'On',
  'shell.largeTextOff': 'Off',

  'startup.title': 'Starting up, please wait',
  'startup.detail': 'This screen will open by itself when it is ready. You do not need to do anything.',
  'startup.slow': 'If this takes a long time, please tell a member of staff.',

  'crash.title': 'Something went wrong on this page',
  'crash.detail': 'It was not caused by anything you did. Tap the button below to go back to the home screen and try again.',
  'crash.home': 'Back to home',

  'home.greeting': 'Hello, how can we help you?',
  'home.hint': 'Tap one of the large buttons below.',
  'home.search.title': 'Find the law · Ask a question',
  'home.search.body': 'Describe what happened in your own words and we will find the relevant laws and answers.',
  'home.guides.title': 'Step-by-step guides',
  'home.guides.body': 'What to bring and what to do first, step by step, for common errands.',

  'home.help.title': 'Talk to a person',
  'home.help.hotline': 'Call the {name}',
  'home.help.staff': 'Or ask a member of staff here.',

  'home.devices.title': 'Devices',
  'home.content.title': 'Legal information on this terminal',
  'home.content.libraryInstalled': 'The full library of laws and regulations is installed.',
  'home.content.qaCount': '{count} built-in questions and answers.',
  'home.content.noLibraryWithQa':
    'The full library of laws and regulations is not installed here. Answers come from {count} built-in questions and answers.',
  'home.content.noLibraryNoQa':
    'The full library of laws and regulations is not installed here, and the built-in questions and answers are still being prepared.',

  'device.printer': 'Printer',
  'device.idReader': 'ID card reader',
  'device.line': '{device}: {state}',
  'device.state.unknown': 'checking',
  'device.state.not-configured': 'not set up',
  'device.state.connecting': 'connecting',
  'device.state.ready': 'ready',
  'device.state.attention': 'needs staff',
  'device.state.offline': 'not available',

  'preparing.body': 'This part is still being prepared and cannot be used yet.',
  'preparing.helpTitle': 'Need legal help now?',
  'preparing.staff': 'Or ask a member of staff here for help.',
  'preparing.backHome': 'Back to home',
};
