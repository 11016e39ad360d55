/**
 * Response templates per outcome class, written to the handling skills:
 * acknowledge the facts, apologise where we are at fault, never push
 * responsibility onto the customer, explain the policy basis where it applies.
 */
import type { OutcomeClass } from './types.js';

export const RESPONSE_TEMPLATES: Record<OutcomeClass, string> = {
  serious_fault:
    '尊敬的{客户}：您反映的{事由}，经我们调查核实，情况属实，我们的工作人员确有过错，在此向您郑重致歉。公司已对相关责任人作出处理，并制定了整改措施：{整改措施}。我们将于整改完成后回访您，感谢您的监督。',
  partial_fault:
    '尊敬的{客户}：感谢您反映{事由}。经调查核实，我们在{环节}方面确有做得不到位之处，给您带来不便，深表歉意。我们已对相关人员进行处理，并将改进：{整改措施}。如您还有疑问，欢迎随时与我们联系。',
  no_fault:
    '尊敬的{客户}：感谢您反映{事由}。经认真核查，{原因说明}。我们理解您的心情，如有需要，我们很乐意协助您进一步了解相关规定及办理方式，{建议}。',
  beyond_authority:
    '尊敬的{客户}：您反映的{事由}已经我们核实，我们高度重视。由于该事项需公司相关部门共同处理，经纪业务总部已与{部门}协调推进，并已报告公司分管领导。我们将在{日期}前告知您处理进展，感谢您的理解与耐心。',
};
