import type { Messages } from "../messages";

// Message keys are type-checked against the English catalogue (messages/ro.json must mirror it;
// lib/i18n.test.ts checks that).
declare module "use-intl" {
  interface AppConfig {
    Messages: Messages;
  }
}
