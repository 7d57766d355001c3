import { z } from "zod";

/** C0, DEL, C1 and the two JavaScript line breaks: none of them belongs in a label shown in a list. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const tag = z
  .string()
  .trim()
  .min(1, "a tag cannot be empty")
  .max(100, "a tag is at most 100 characters")
  .refine((text) => !CONTROL.test(text), "no control characters in tags");

/** POST /api/runs/<runDir>/tags: tags to add and to remove, for a run of `logs` (default: the server's). */
export const tagEditSchema = z
  .object({
    logs: z.string().optional(),
    add: z.array(tag).max(50).default([]),
    remove: z.array(tag).max(50).default([]),
  })
  .refine((body) => body.add.length + body.remove.length > 0, { message: "nothing to add or remove" });
