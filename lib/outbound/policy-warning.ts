import { AppError } from "@/lib/errors";
import type { PolicyCategoryId } from "@/lib/policy/check";

export interface PolicyMatch {
  category: PolicyCategoryId;
  label: string;
  matched: string;
}

/**
 * The text likely breaks the messaging policy. The sender sees the category and may
 * send anyway by passing `policyOverride: category`, which is recorded on the timeline.
 */
export class PolicyWarning extends AppError {
  constructor(readonly policy: PolicyMatch) {
    super(
      "conflict",
      `This message may break the messaging policy: “${policy.matched}” looks like ${policy.label.toLowerCase()}. Carriers can block the number for it.`,
    );
    this.name = "PolicyWarning";
  }
}
