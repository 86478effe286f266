export * from "./organisations";
export * from "./audit";
