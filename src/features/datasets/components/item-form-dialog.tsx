"use client";

import { useEffect, useState, type FormEvent } from "react";
import { Dialog } from "@/components/ui/dialog";
import { CodeTextarea, Field } from "@/components/ui/field";
import { Callout } from "@/components/ui/states";
import { fieldErrorsOf } from "@/lib/trpc/errors";
import { api } from "@/lib/trpc/react";
import type { ItemDto } from "../schemas";
import { JSON_RULE_HINT, parseLooseJson, parseMetadata, toLooseText } from "./json-text";

type FormErrors = Partial<Record<"input" | "expectedOutput" | "metadata", string>>;

/** Add an item (item = null) or edit one; three JSON-ish text boxes validated here first. */
export function ItemFormDialog({
  datasetId,
  item,
  open,
  onOpenChange,
}: {
  datasetId: string;
  item: ItemDto | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const utils = api.useUtils();
  const [input, setInput] = useState("");
  const [expected, setExpected] = useState("");
  const [metadata, setMetadata] = useState("");
  const [errors, setErrors] = useState<FormErrors>({});

  // Fill the boxes each time the dialog opens (for the item being edited, or empty).
  useEffect(() => {
    if (!open) return;
    setInput(toLooseText(item?.input));
    setExpected(toLooseText(item?.expectedOutput));
    setMetadata(item?.metadata ? JSON.stringify(item.metadata, null, 2) : "");
    setErrors({});
  }, [open, item]);

  // Close at once; the table and header refresh behind the closing dialog,
  // which is feedback enough (no toast to cover the next dialog's buttons).
  const onSaved = () => {
    onOpenChange(false);
    void Promise.all([utils.items.list.invalidate({ datasetId }), utils.datasets.get.invalidate({ id: datasetId }), utils.datasets.list.invalidate()]);
  };
  const add = api.items.add.useMutation({ onSuccess: onSaved });
  const update = api.items.update.useMutation({ onSuccess: onSaved });
  const mutation = item ? update : add;
  const server = fieldErrorsOf(mutation.error);
  // The add endpoint nests fields under `item`; its errors have no finer path.
  const serverFormError = server.item ?? server.itemId ?? null;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsedInput = parseLooseJson(input);
    const parsedExpected = parseLooseJson(expected);
    const parsedMetadata = parseMetadata(metadata);
    const next: FormErrors = {};
    if (!parsedInput.ok) next.input = parsedInput.error;
    else if (parsedInput.value === undefined) next.input = "Input is required.";
    if (!parsedExpected.ok) next.expectedOutput = parsedExpected.error;
    if (!parsedMetadata.ok) next.metadata = parsedMetadata.error;
    setErrors(next);
    if (Object.keys(next).length > 0 || !parsedInput.ok || parsedInput.value === undefined || !parsedExpected.ok || !parsedMetadata.ok) return;

    const fields = { input: parsedInput.value, expectedOutput: parsedExpected.value ?? null, metadata: parsedMetadata.value ?? null };
    if (item) update.mutate({ itemId: item.itemId, ...fields });
    else add.mutate({ datasetId, item: fields });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={item ? "Edit item" : "Add item"}
      description={item ? "Saving creates a new dataset version; past runs keep showing the item as it was." : "Adds one item and bumps the dataset version."}
      size="lg"
      data-testid="item-dialog"
      primary={{ label: item ? "Save item" : "Add item", pending: mutation.isPending, form: "item-form" }}
    >
      <form id="item-form" onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        <p className="rounded-md bg-zinc-50 px-3 py-2 text-xs leading-relaxed text-zinc-600 ring-1 ring-zinc-200 ring-inset">{JSON_RULE_HINT}</p>
        {serverFormError && <Callout>{serverFormError}</Callout>}
        <Field label="Input" error={errors.input ?? server.input}>
          {(ids) => (
            <CodeTextarea
              {...ids}
              rows={6}
              placeholder={'{ "question": "What is the capital of France?" }'}
              value={input}
              onChange={(e) => setInput(e.target.value)}
              autoFocus
            />
          )}
        </Field>
        <div className="grid gap-4 md:grid-cols-2">
          <Field
            label="Expected output"
            hint="Optional. What a correct answer looks like; scorers compare against it."
            error={errors.expectedOutput ?? server.expectedOutput}
          >
            {(ids) => <CodeTextarea {...ids} rows={5} placeholder="Paris" value={expected} onChange={(e) => setExpected(e.target.value)} />}
          </Field>
          <Field label="Metadata" hint="Optional JSON object, sent to HTTP targets with the input." error={errors.metadata ?? server.metadata}>
            {(ids) => (
              <CodeTextarea {...ids} rows={5} placeholder={'{ "difficulty": "easy" }'} value={metadata} onChange={(e) => setMetadata(e.target.value)} />
            )}
          </Field>
        </div>
      </form>
    </Dialog>
  );
}
