import { redirect } from "next/navigation";

export default function MasterDataIndex() {
  redirect("/master-data/products");
}
