"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { BulkStepRequest, BulkStepView } from "@/lib/bulk/validation";
import { inboxApi } from "./api";
import { inboxKeys } from "./query-keys";

/**
 * The agent's latest step on many tickets: starting it, following its progress (live events,
 * and a poll in case one is missed), and its Undo, which is a step of its own.
 */
export function useBulkStep() {
  const queryClient = useQueryClient();
  const [stepId, setStepId] = useState<string | null>(null);
  const step = useQuery({
    queryKey: inboxKeys.bulkStep(stepId ?? "none"),
    queryFn: () => inboxApi.bulkStep(stepId!),
    enabled: !!stepId,
    refetchInterval: (query) => (query.state.data?.status === "running" ? 1000 : false),
  });
  const seed = (view: BulkStepView) => {
    queryClient.setQueryData(inboxKeys.bulkStep(view.id), view);
    setStepId(view.id);
  };
  const start = useMutation({ mutationFn: (request: BulkStepRequest) => inboxApi.startBulkStep(request), onSuccess: seed });
  const undo = useMutation({ mutationFn: (id: string) => inboxApi.undoBulkStep(id), onSuccess: seed });
  const current = stepId ? (step.data ?? null) : null;
  return {
    step: current,
    start: (request: BulkStepRequest, onStarted?: () => void) => {
      undo.reset();
      start.mutate(request, { onSuccess: () => onStarted?.() });
    },
    starting: start.isPending,
    error: start.error?.message ?? undo.error?.message ?? null,
    undo: () => {
      if (current?.canUndo && !undo.isPending) undo.mutate(current.id);
    },
    undoing: undo.isPending,
    dismiss: () => {
      setStepId(null);
      start.reset();
      undo.reset();
    },
  };
}

export type BulkStepState = ReturnType<typeof useBulkStep>;
