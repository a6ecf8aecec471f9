import { CfnOutput, Duration, Stack, type StackProps } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, type IMetric, Stats, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { Topic } from "aws-cdk-lib/aws-sns";
import type { Construct } from "constructs";
import { type Observed, pascal } from "./common.ts";
import { allowServiceToUseStackKey, stackKey } from "./security.ts";

export interface MonitoringStackProps extends StackProps {
  observed: Observed;
  /** API 5xx responses per five minutes that page someone. */
  api5xxThreshold?: number;
}

/**
 * One encrypted alarm topic and an alarm on everything the other stacks registered: each function's
 * errors and throttles, each dead-letter queue holding anything, and the API's 5xx responses.
 * Subscribe the on-call address or chat integration to the topic after deploy.
 */
export class MonitoringStack extends Stack {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    this.topic = new Topic(this, "Alarms", {
      displayName: "MedLoop alarms",
      masterKey: stackKey(this),
      enforceSSL: true,
    });
    allowServiceToUseStackKey(this, "cloudwatch.amazonaws.com");
    const action = new SnsAction(this.topic);
    const period = Duration.minutes(5);
    const alarm = (alarmId: string, description: string, metric: IMetric, threshold = 1) => {
      const created = new Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
    };

    // Alarm ids come from the labels, so adding a route does not replace every other alarm.
    for (const { label, fn } of props.observed.functions) {
      alarm(`${pascal(label)}Errors`, `${label}: invocation errors`, fn.metricErrors({ period, statistic: Stats.SUM }));
      alarm(
        `${pascal(label)}Throttles`,
        `${label}: throttled invocations`,
        fn.metricThrottles({ period, statistic: Stats.SUM }),
      );
    }
    for (const { label, queue } of props.observed.queues) {
      alarm(
        `${pascal(label)}Visible`,
        `${label}: messages are waiting to be inspected and redriven`,
        queue.metricApproximateNumberOfMessagesVisible({ period, statistic: Stats.MAXIMUM }),
      );
    }
    for (const { label, api } of props.observed.apis) {
      alarm(
        `${pascal(label)}5xx`,
        `${label}: server errors`,
        api.metricServerError({ period, statistic: Stats.SUM }),
        props.api5xxThreshold ?? 5,
      );
    }

    new CfnOutput(this, "AlarmTopicArn", { value: this.topic.topicArn });
  }
}
