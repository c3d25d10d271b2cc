import { z } from "zod";

// Field rules more than one target kind uses.

export const httpUrlSchema = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });

export const dotPathSchema = z
  .string()
  .trim()
  .max(500)
  .regex(/^$|^[^.\s]+(\.[^.\s]+)*$/, "must be a dot path such as data.output or choices.0.text")
  .default("");
