// The schema drizzle-kit reads and the client is typed with; each entity lives in schema/.
export * from "./schema/users";
export * from "./schema/system";
export * from "./schema/telephony";
export * from "./schema/tickets";
export * from "./schema/rules";
export * from "./schema/sandbox";
export * from "./schema/saved-replies";
export * from "./schema/drafts";
export * from "./schema/notifications";
export * from "./schema/bulk";
export * from "./schema/rollups";
export * from "./schema/tags";
