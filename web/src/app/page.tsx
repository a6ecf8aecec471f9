import { requireUser } from "@/auth";
import { getI18n } from "@/i18n/server";
import { homes } from "@/kinds";

/** `/` is the home of the user's own organisation, laid out for its kind. */
export default async function HomePage() {
  const { user } = await requireUser("/");
  const { t } = await getI18n();
  const Home = homes[user.tenantKind];
  return <Home user={user} t={t} />;
}
