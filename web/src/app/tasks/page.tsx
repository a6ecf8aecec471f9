import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/auth";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { readOrRefusal } from "@/server/read";
import { canSeeAlerts } from "../quality/access";
import { GradeBadge } from "../quality/grade-badge";
import { CompleteForm } from "./complete-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.tasks.title };
}

/** My open tasks and my roles', earliest deadline first (the API's `mine` view). */
export default async function TasksPage({ searchParams }: { searchParams: Promise<{ completed?: string }> }) {
  const { user } = await requireUser("/tasks");
  const completed = (await searchParams).completed === "1";
  const { t, locale } = await getI18n();
  const w = t.tasks;
  const read = await readOrRefusal(t, api.earlyWarning.warningTasks.listWarningTasks({ query: { view: "mine" } }));
  if (read.refusal !== undefined) {
    return (
      <p className="alert alert-error" role="alert">
        {read.refusal}
      </p>
    );
  }
  const tasks = read.value.items;
  const when = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const linkAlerts = canSeeAlerts(user);
  return (
    <section className="card">
      {completed && (
        <p className="alert alert-success" role="status" data-testid="task-completed">
          {w.done}
        </p>
      )}
      <div className="table-wrap">
        <table className="table" data-testid="tasks-table">
          <caption className="table-caption">{format(w.caption, { name: user.name ?? user.email })}</caption>
          <thead>
            <tr>
              <th scope="col">{w.task}</th>
              <th scope="col">{w.deadline}</th>
              <th scope="col">{w.owner}</th>
              <th scope="col">{w.complete}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.length === 0 && (
              <tr>
                <td colSpan={4} className="empty-cell">
                  {w.empty}
                </td>
              </tr>
            )}
            {tasks.map((task) => (
              <tr key={task.taskId} data-testid="task-row" data-task={task.taskId} data-overdue={task.overdue}>
                <th scope="row">
                  <GradeBadge grade={task.grade} t={t.quality} />{" "}
                  {linkAlerts ? <Link href={`/quality/alerts/${task.alertId}`}>{task.title}</Link> : task.title}
                </th>
                <td>
                  <time dateTime={task.deadline}>{when.format(new Date(task.deadline))}</time>
                  {task.overdue && <span className="badge badge-severity-critical"> {t.quality.overdue}</span>}
                </td>
                <td>{task.owner}</td>
                <td className="cell-actions">
                  <CompleteForm taskId={task.taskId} t={{ tasks: w, errors: t.errors, fields: t.fields }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
