import type { DbOrTx } from "@/db/client";
import { getSetting, putSetting } from "@/db/queries/settings";
import { macroSettingsSchema, type MacroSettings } from "./validation";

const KEY = "macros";

/** Whether agents may create their own macros; off until an admin turns it on. */
export async function getMacroSettings({ db }: { db: DbOrTx }): Promise<MacroSettings> {
  const parsed = macroSettingsSchema.safeParse(await getSetting<unknown>({ db, key: KEY }));
  return parsed.success ? parsed.data : { agentsCreateOwn: false };
}

export async function saveMacroSettings({ db, settings }: { db: DbOrTx; settings: MacroSettings }): Promise<void> {
  await putSetting({ db, key: KEY, value: settings });
}
