"use client";

import { useEffect, useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { CodeTextarea, Field } from "@/components/ui/field";
import { Callout } from "@/components/ui/states";
import { api } from "@/lib/trpc/react";
import type { DatasetDto } from "../schemas";

type SchemaText = { ok: true; value: Record<string, unknown> | null } | { ok: false; error: string };

function parseSchema(text: string): SchemaText {
  if (text.trim() === "") return { ok: true, value: null };
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== "object" || Array.isArray(value))
      return { ok: false, error: 'A JSON Schema is a JSON object, e.g. { "type": "object" }.' };
    return { ok: true, value: value as Record<string, unknown> };
  } catch (error) {
    return { ok: false, error: `Invalid JSON${error instanceof Error ? `: ${error.message}` : ""}` };
  }
}

const pretty = (schema: Record<string, unknown> | null) => (schema ? JSON.stringify(schema, null, 2) : "");

const EXAMPLE_INPUT = '{\n  "type": "object",\n  "required": ["question"],\n  "properties": { "question": { "type": "string", "minLength": 1 } }\n}';

/**
 * The server refuses a schema that current items break, with a message like
 * "3 current items do not match the new schema, so it was not saved. item #2: …; item #5: …".
 * Split into a headline and the list of failing items.
 */
export function splitRefusal(message: string): { headline: string; failures: string[] } {
  const at = message.indexOf("so it was not saved.");
  if (at < 0) return { headline: message, failures: [] };
  const end = at + "so it was not saved.".length;
  const failures = message
    .slice(end)
    .split(/;\s*(?=item #|…)/)
    .map((s) => s.trim())
    .filter(Boolean);
  return { headline: message.slice(0, end), failures };
}

/** Set or remove the JSON Schemas items must match. Empty box = no schema. */
export function SchemaDialog({ dataset, open, onOpenChange }: { dataset: DatasetDto; open: boolean; onOpenChange: (open: boolean) => void }) {
  const utils = api.useUtils();
  const [input, setInput] = useState("");
  const [expected, setExpected] = useState("");
  const [errors, setErrors] = useState<{ input?: string; expected?: string }>({});
  const update = api.datasets.update.useMutation({
    onSuccess: async () => {
      onOpenChange(false);
      await Promise.all([utils.datasets.get.invalidate({ id: dataset.id }), utils.datasets.list.invalidate()]);
    },
  });

  useEffect(() => {
    if (!open) return;
    setInput(pretty(dataset.inputSchema));
    setExpected(pretty(dataset.expectedSchema));
    setErrors({});
    update.reset();
    // Refill only when the dialog opens, not when the dataset refetches under it.
  }, [open]);

  function save() {
    const parsedInput = parseSchema(input);
    const parsedExpected = parseSchema(expected);
    const next = { input: parsedInput.ok ? undefined : parsedInput.error, expected: parsedExpected.ok ? undefined : parsedExpected.error };
    setErrors(next);
    if (!parsedInput.ok || !parsedExpected.ok) return;
    update.mutate({ id: dataset.id, inputSchema: parsedInput.value, expectedSchema: parsedExpected.value });
  }

  const refusal = update.error ? splitRefusal(update.error.message) : null;
  const isConflict = update.error?.data?.code === "CONFLICT";

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Item schemas"
      description="JSON Schemas that every item's input and expected output must match. Checked on add, edit and import; saving checks the current items first."
      size="lg"
      data-testid="schema-dialog"
      primary={{ label: "Save schemas", pending: update.isPending, onConfirm: save }}
    >
      <div className="flex flex-col gap-4">
        {refusal && (
          <Callout title={isConflict ? "Not saved: current items break this schema" : "Not saved"} data-testid="schema-error">
            <p>{refusal.headline}</p>
            {refusal.failures.length > 0 && (
              <ul className="mt-2 flex flex-col gap-1 font-mono text-xs">
                {refusal.failures.map((failure, i) => (
                  <li key={i} className="rounded bg-white/70 px-2 py-1 ring-1 ring-red-200" data-testid="schema-failure">
                    {failure}
                  </li>
                ))}
              </ul>
            )}
            {isConflict && <p className="mt-2 text-xs">Fix or delete those items first, or loosen the schema.</p>}
          </Callout>
        )}
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Input schema" hint="Empty: any input is accepted." error={errors.input}>
            {(ids) => (
              <div className="flex flex-col gap-1.5">
                <CodeTextarea {...ids} rows={14} placeholder={EXAMPLE_INPUT} value={input} onChange={(e) => setInput(e.target.value)} />
                {input.trim() !== "" && (
                  <button type="button" className="self-start text-xs text-zinc-500 hover:text-red-600" onClick={() => setInput("")}>
                    Remove input schema
                  </button>
                )}
              </div>
            )}
          </Field>
          <Field label="Expected output schema" hint="Empty: any expected output is accepted." error={errors.expected}>
            {(ids) => (
              <div className="flex flex-col gap-1.5">
                <CodeTextarea {...ids} rows={14} placeholder={'{ "type": "string" }'} value={expected} onChange={(e) => setExpected(e.target.value)} />
                {expected.trim() !== "" && (
                  <button type="button" className="self-start text-xs text-zinc-500 hover:text-red-600" onClick={() => setExpected("")}>
                    Remove expected output schema
                  </button>
                )}
              </div>
            )}
          </Field>
        </div>
      </div>
    </Dialog>
  );
}
