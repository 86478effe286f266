import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT, checkActionRequest } from "./action-request";

const post = (body: BodyInit, type = "text/plain;charset=UTF-8") =>
  new Request("http://localhost/sign-up", { method: "POST", body, headers: { "content-type": type, "next-action": "7f00" } });
const status = async (r: Request) => (await checkActionRequest(r))?.status ?? "passes";

describe("checkActionRequest", () => {
  it("lets well-formed argument lists through", async () => {
    for (const body of ['[{"orgName":"Școala","n":1}]', "[]", "{}", '["$undefined",{"d":"$D2020-01-01T00:00:00.000Z","s":"$$dollar"}]']) {
      expect(await status(post(body)), body).toBe("passes");
    }
  });

  it("answers 400 for bodies Next would answer with a 500", async () => {
    for (const body of ["not json{{", "null", '"x"', "42", '["$Q1"]', '["$F1"]', '[{"a":["$h1"]}]', ""]) {
      expect(await status(post(body)), body).toBe(400);
    }
    const form = new FormData();
    form.append("1_$ACTION_ID", "x");
    const multipart = new Request("http://localhost/sign-up", { method: "POST", body: form, headers: { "next-action": "7f00" } });
    expect(await status(multipart)).toBe("passes");
    expect(await status(post("garbage", "multipart/form-data; boundary=xyz"))).toBe(400);
  });

  it("answers 413 past the body limit", async () => {
    expect(await status(post(`["${"a".repeat(ACTION_BODY_LIMIT)}"]`))).toBe(413);
  });
});
