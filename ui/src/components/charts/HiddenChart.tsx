// What stands in for a chart while privacy hides amounts: charts carry amounts on their axes, so they hide with them.
import { useT } from "../../preferences/hooks";

export function HiddenChart({ title }: { title: string }) {
  const t = useT();
  return (
    <div className="hidden-chart" role="img" aria-label={t("{title} (hidden)", { title })}>
      {t("Amounts hidden")}
    </div>
  );
}
