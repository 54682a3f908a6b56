/**
 * Strings of the session layer (countdown, attract loop, rating), 高对比度 and 朗读 — spread into
 * zh-cn.ts, so they are ordinary message keys. Kept apart so several people can add strings at once.
 */
export const zhCNSession = {
  'shell.contrast': '高对比度',
  'shell.readAloud': '朗读',
  'shell.readAloudStop': '停止朗读',
  'shell.contrastShort': '对比',
  'shell.readAloudShort': '朗读',
  'shell.readAloudStopShort': '停止',
  'shell.readAloudUnavailable': '这台机器还没有安装中文语音，暂时不能朗读。需要帮助请找现场工作人员。',

  'session.idle.title': '您还在使用吗？',
  'session.idle.detail': '{seconds} 秒后将回到首页，并清除您刚才查看和填写的内容。',
  'session.idle.continue': '继续使用',
  'session.idle.end': '不用了，结束',

  'attract.start': '轻触屏幕，开始使用',
  'attract.slide': '普法小知识',
  'attract.announcement': '公告',
  'attract.help': '法律咨询热线',
  'attract.hotline': '{name}，有法律问题可以打这个电话。',
  'attract.basis': '依据：{cites}',

  'feedback.question': '这次服务您满意吗？',
  'feedback.satisfied': '满意',
  'feedback.neutral': '基本满意',
  'feedback.unsatisfied': '不满意',
  'feedback.thanks': '谢谢您的评价！',
  'feedback.reasons': '哪里不够好？（可不选）',
  'feedback.reason.notFound': '没找到想要的',
  'feedback.reason.hardToRead': '字看不清',
  'feedback.reason.hardToUse': '不会操作',
  'feedback.reason.device': '机器有问题',
  'feedback.reason.slow': '太慢',
  'feedback.close': '关闭',
} as const;
