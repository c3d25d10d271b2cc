"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Dialog } from "@/components/ui/dialog";
import { Field, Textarea, TextField } from "@/components/ui/field";
import { fieldErrorsOf } from "@/lib/trpc/errors";
import { api } from "@/lib/trpc/react";
import { DATASET_LIMITS } from "../schemas";

/**
 * Name + description. Validation is the server's (the same zod schema);
 * its field errors come back on `error.data` and show under each field.
 */
export function CreateDatasetDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const router = useRouter();
  const utils = api.useUtils();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const create = api.datasets.create.useMutation({
    onSuccess: async (dataset) => {
      await utils.datasets.list.invalidate();
      onOpenChange(false);
      router.push(`/datasets/${dataset.id}`);
    },
  });
  const errors = fieldErrorsOf(create.error);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name, description });
  }

  function handleOpenChange(next: boolean) {
    if (next) {
      setName("");
      setDescription("");
      create.reset();
    }
    onOpenChange(next);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={handleOpenChange}
      title="New dataset"
      description="A named collection of items to evaluate."
      size="sm"
      data-testid="create-dataset-dialog"
      primary={{ label: "Create dataset", pending: create.isPending, form: "create-dataset-form" }}
    >
      <form id="create-dataset-form" onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        <TextField
          label="Name"
          error={errors.name}
          hint="Unique. For example: support-bot-golden-set."
          value={name}
          onChange={setName}
          maxLength={DATASET_LIMITS.nameMaxLength + 20}
          autoFocus
          autoComplete="off"
        />
        <Field label="Description" error={errors.description} hint="Optional. What the items cover and where they come from.">
          {(ids) => <Textarea {...ids} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
      </form>
    </Dialog>
  );
}
