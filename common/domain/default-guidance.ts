/**
 * The guidance the portal opens with (宣传教育 at the point of need), as an administrator first finds
 * it: which matters the enterprise handles, which belong to arbitration or a court, the time limits
 * the petitioner can expect, group petitions, and unlawful conduct (《信访工作条例》第17–26条, 第34–36条,
 * 第47条). Data, not interface labels: the administrator rewrites it for the enterprise.
 */
import type { PortalGuidance } from '../schemas/portal.ts';

export const DEFAULT_GUIDANCE: PortalGuidance = {
  sections: [
    {
      title: '本平台受理哪些事项',
      body: '工资福利、工伤职业病、社会保险、劳动关系、安全生产、住房、采煤塌陷与搬迁安置、干部作风等与本企业有关的意见建议、检举控告和申诉求决，都可以在这里提出。',
    },
    {
      title: '哪些事项请走法定途径',
      body: '已经或者依法应当通过劳动人事争议仲裁、诉讼、行政复议等途径解决的事项，请向仲裁委员会、人民法院或复议机关提出；对党员、干部违纪违法问题的检举，也可以向纪检监察机关反映。我们会告诉您应当向谁提出。',
    },
    {
      title: '多长时间给答复',
      body: '我们收到后15日内告诉您是否受理；受理的求决类事项，一般在60日内办结，情况复杂的经批准可延长，延长不超过30日，并告诉您延期理由。对处理意见不服的，可以自收到书面答复之日起30日内请求复查；对复查意见不服的，可以自收到之日起30日内请求复核。',
    },
    {
      title: '多人反映同一问题',
      body: '多人反映共同意见的，请推选代表提出，代表不超过5人。',
    },
    {
      title: '依法有序反映',
      body: '请如实反映情况，不得捏造、歪曲事实，不得诬告、陷害他人。围堵、冲击办公场所，拦截车辆，携带危险物品，或者以信访为名借机敛财等行为，将依法处理。',
    },
  ],
};
