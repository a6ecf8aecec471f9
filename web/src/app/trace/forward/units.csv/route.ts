import { requireUser } from "@/auth";
import { getI18n } from "@/i18n/server";
import { ApiError } from "@/server/api";
import { canTrace } from "../../access";
import { forwardTrace } from "../data";
import { forwardQuery, scopeCsv, scopeRows } from "../scope";

/** The recall scope's units as a CSV download (the same query as the forward page). */
export async function GET(request: Request) {
  const { user } = await requireUser("/trace");
  if (!canTrace(user)) return new Response("Forbidden", { status: 403 });
  const q = forwardQuery(Object.fromEntries(new URL(request.url).searchParams));
  if (!q) return new Response("Give materialId and lotNo, or supplierId and supplierLotNo", { status: 400 });
  const { t } = await getI18n();
  try {
    const { trace, names, products } = await forwardTrace(q);
    return new Response(scopeCsv(scopeRows(trace, t, names, products), t), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="recall-scope.csv"',
      },
    });
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return new Response(e.message, { status: e.status });
    throw e;
  }
}
