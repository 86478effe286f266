"use client";

import dynamic from "next/dynamic";

// The Resume button and its confirmation dialog load only when the pause banner shows (rarely): the
// dashboard layout is on every signed-in page, and Dialog + Button would add ~25 kB (gzip) to each.
export const LazyResumeIssuingButton = dynamic(() => import("./resume-issuing-button").then((m) => m.ResumeIssuingButton));
