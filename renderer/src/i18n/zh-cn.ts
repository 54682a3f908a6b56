/**
 * Simplified Chinese: the reference dictionary. Every other language must have exactly these
 * keys (the type checker enforces it) and the same {placeholders} (i18n.test.ts checks).
 * Plain words for residents who may be elderly or not used to screens: short sentences,
 * no legal or technical jargon, no blame.
 */
export const zhCN = {
  'app.name': '法通',
  'app.tagline': '自助法律服务',

  'shell.home': '首页',
  'shell.back': '返回',
  'shell.largeText': '大字模式',
  'shell.largeTextOn': '开',
  'shell.largeTextOff': '关',

  'startup.title': '系统正在启动，请稍候',
  'startup.detail': '准备好以后会自动打开，您不需要做任何操作。',
  'startup.slow': '如果等了很久还没有打开，请告诉现场工作人员。',

  'crash.title': '页面出了点问题',
  'crash.detail': '这不是您的操作造成的。请点下面的按钮回到首页，再试一次。',
  'crash.home': '回到首页',

  'home.greeting': '您好，请问需要什么帮助？',
  'home.hint': '请用手指轻点下面的大按钮。',
  'home.search.title': '找法律 · 问问题',
  'home.search.body': '用平常说话的方式说出您遇到的事，帮您找到相关的法律规定和解答。',
  'home.guides.title': '办事指南',
  'home.guides.body': '一步一步告诉您办一件事要准备什么材料、先做什么后做什么。',

  'home.help.title': '需要人工帮助',
  'home.help.hotline': '请拨打{name}',
  'home.help.staff': '也可以请现场工作人员帮忙。',

  'home.devices.title': '本机设备',
  'home.content.title': '本机资料',
  'home.content.libraryInstalled': '本机已装有完整的法律法规库。',
  'home.content.qaCount': '内置常见问答 {count} 条。',
  'home.content.noLibraryWithQa': '本机没有安装完整的法律法规库，解答来自内置的 {count} 条常见问答。',
  'home.content.noLibraryNoQa': '本机没有安装完整的法律法规库，内置的常见问答也还在准备中。',

  'device.printer': '打印机',
  'device.idReader': '身份证读卡器',
  'device.line': '{device}：{state}',
  'device.state.unknown': '正在查询',
  'device.state.not-configured': '未设置',
  'device.state.connecting': '正在连接',
  'device.state.ready': '可以使用',
  'device.state.attention': '需要工作人员处理',
  'device.state.offline': '暂时不能用',

  'preparing.body': '这部分正在准备中，暂时还不能使用。',
  'preparing.helpTitle': '现在就需要法律帮助？',
  'preparing.staff': '也可以请现场工作人员帮您。',
  'preparing.backHome': '返回首页',
} as const;

export type MessageKey = keyof typeof zhCN;
export type Dictionary = Readonly<Record<MessageKey, string>>;
