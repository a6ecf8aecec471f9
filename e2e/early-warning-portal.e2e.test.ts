import { describe, expect, it } from "vitest";
import { eventually } from "../test/eventually.ts";
import { portalJourney, screenshot } from "./portal-steps.ts";

const j = portalJourney({ seed: "demo" });

describe("early warning in Chromium", () => {
  it("a quality engineer finds the drift alert, reads its control chart, acknowledges it and completes the task", async () => {
    // Given the seeded drift of the pumps' flow-rate accuracy has raised its alert and task
    const token = await j.p.login("acme-med", "quality-engineer@acme-med.test");
    const [seeded] = await eventually("the seeded drift alert", async () => {
      const { body } = await j.p.call("GET", "/v1/early-warning/alerts?status=open", { token });
      return body.items?.length ? body.items : undefined;
    });
    // The checks up to the latest firing, and the points its violations involve
    const evidence = seeded.firing.evidence as { series: number[]; violations: { rule: number; indices: number[] }[] };
    const series = evidence.series;
    const flagged = new Set(evidence.violations.flatMap((v) => v.indices));
    // Patrol checks since the rule was made (at most the twelve seeded), none of the first-article checks from before it
    expect(series.length).toBeGreaterThanOrEqual(6);
    expect(series.length).toBeLessThanOrEqual(12);
    expect(series).not.toContain(2.1);
    expect(flagged.size).toBeGreaterThan(0);
    await eventually("its task", async () => {
      const { body } = await j.p.call("GET", "/v1/early-warning/tasks?view=mine", { token });
      return body.items?.length ? body : undefined;
    });

    // When the quality engineer opens Early warning from the navigation
    const page = await j.as("acme-med", "quality-engineer");
    await page.getByRole("navigation").getByRole("link", { name: "Early warning" }).click();
    const row = page.locator("[data-testid=alert-row][data-status=open]", {
      hasText: "IP-200 flow rate accuracy drift",
    });
    await row.waitFor();
    expect(await row.textContent()).toContain("Warning");
    await screenshot(page, "early-warning-alerts-en");

    // And opens the alert
    await row.getByRole("link", { name: "IP-200 flow rate accuracy drift" }).click();
    const chart = page.getByTestId("spc-chart");
    await chart.waitFor();

    // Then the control chart shows the checks with the climbing ones marked, and the rules they broke
    expect(Number(await chart.getAttribute("data-points"))).toBe(series.length);
    expect(Number(await chart.getAttribute("data-flagged"))).toBe(flagged.size);
    expect(await page.locator("circle[data-flagged]").count()).toBe(flagged.size);
    const broken = (await page.getByTestId("violations").textContent()) ?? "";
    for (const v of evidence.violations) expect(broken).toContain(`Nelson rule ${v.rule}`);
    await screenshot(page, "early-warning-alert-en");

    // When they acknowledge it
    await page.getByRole("button", { name: "Acknowledge" }).click();
    await page.getByText("The alert is acknowledged.").waitFor();
    expect(await page.getByTestId("alert-status").textContent()).toBe("Acknowledged");

    // And complete the task under My tasks
    await page.getByRole("navigation").getByRole("link", { name: "My tasks" }).click();
    const task = page.locator("[data-testid=task-row]", { hasText: "IP-200 flow rate accuracy drift" }).first();
    await task.getByText("Complete", { exact: true }).click();
    await task.getByLabel("Resolution").selectOption("investigation");
    await task.getByLabel("What was done").fill("Flow sensor calibration checked; NC-2026-031 opened");
    await task.getByRole("button", { name: "Complete the task" }).click();
    await page.getByText("The task is complete.").waitFor();

    // Then the task is done, as the API says
    const { body } = await j.p.call("GET", "/v1/early-warning/tasks?view=mine", { token });
    expect(body.items.filter((t: { title: string }) => t.title.includes("IP-200 flow rate accuracy drift"))).toEqual(
      [],
    );
  });

  it("shows the alert inbox in Chinese, and keeps hospitals and other roles out", async () => {
    const zh = await j.as("acme-med", "quality-engineer", "zh");
    await zh.goto(`${j.portal}/quality?status=all`);
    await zh.getByRole("heading", { name: "风险预警" }).first().waitFor();
    expect(await zh.locator("[data-testid=alert-row]").count()).toBeGreaterThan(0);

    const hospital = await j.as("city-hospital", "biomed-engineer");
    const res = await hospital.goto(`${j.portal}/quality`);
    expect(res?.status()).toBe(403);
    const warehouse = await j.as("acme-med", "warehouse");
    expect((await warehouse.goto(`${j.portal}/quality`))?.status()).toBe(403);
    // A warehouse user may still own a task: My tasks is theirs
    expect((await warehouse.goto(`${j.portal}/tasks`))?.status()).toBe(200);
  });
});
