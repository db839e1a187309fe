// The hub's alerts, mailed to one action group:
//  - hub degraded: GET /api/health reports a poison message (any <queue>-poison longer than 0) or unreachable storage;
//  - failed function runs: any invocation the host recorded as failed (client errors of the HTTP API excluded);
//  - missed weekly prompts: no successful PromptOwners run in the 8 days after the previous Monday's.

param namePrefix string
param location string
param tags object

@description('Address that receives the alerts.')
param alertEmail string

param appInsightsId string

@description('The deployed hub\'s GET /api/health URL.')
param healthUrl string

resource operators 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-operators'
  location: 'Global'
  tags: tags
  properties: {
    groupShortName: 'hub-ops'
    enabled: true
    emailReceivers: [
      {
        name: 'hub-operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// Health answers 200 with "status":"Healthy" only when storage answers and every poison queue is empty ("Degraded"
// when one holds a message, 503 when storage does not answer). Queue length per queue is not an Azure Monitor metric
// (QueueMessageCount is per account), so the hub's own count is what the alert reads.
resource health 'Microsoft.Insights/webtests@2022-06-15' = {
  name: '${namePrefix}-health'
  location: location
  tags: union(tags, {
    'hidden-link:${appInsightsId}': 'Resource'
  })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: '${namePrefix}-health'
    Name: 'Hub health: storage reachable and no poison messages'
    Kind: 'standard'
    Enabled: true
    Frequency: 300
    Timeout: 30
    RetryEnabled: true
    Locations: [
      {
        Id: 'emea-gb-db3-azr' // UK South
      }
      {
        Id: 'emea-ru-msa-edge' // UK West
      }
      {
        Id: 'emea-nl-ams-azr' // West Europe
      }
    ]
    Request: {
      RequestUrl: healthUrl
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
      ContentValidation: {
        ContentMatch: '"status":"Healthy"'
        IgnoreCase: false
        PassIfTextFound: true
      }
    }
  }
}

resource hubDegraded 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-poison-or-storage'
  location: 'global'
  tags: tags
  properties: {
    description: 'GET /api/health is not Healthy: a <queue>-poison queue holds messages (see its "queues" for which; `poison replay` after fixing the cause) or storage does not answer.'
    severity: 1
    enabled: true
    scopes: [
      health.id
      appInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: health.id
      componentId: appInsightsId
      failedLocationCount: 2
    }
    actions: [
      {
        actionGroupId: operators.id
      }
    ]
  }
}

resource failedRuns 'Microsoft.Insights/scheduledQueryRules@2021-08-01' = {
  name: '${namePrefix}-failed-runs'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Hub function runs failed'
    description: 'The Functions host recorded failed invocations (a queue message is retried, then moved to <queue>-poison; a timer run waits for its next occurrence). The dimension names the function.'
    severity: 2
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          // 4xx answers of the HTTP API (401 wrong school key, 404 unknown drop) are the caller's error, not a failed run.
          query: '''
requests
| where success == false and not(resultCode startswith "4")
| summarize failures = count() by functionName = operation_Name
'''
          timeAggregation: 'Total'
          metricMeasureColumn: 'failures'
          operator: 'GreaterThan'
          threshold: 0
          dimensions: [
            {
              name: 'functionName'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        operators.id
      ]
    }
  }
}

// A log alert sees at most two days of data, so rather than "no run in the last 8 days" it asks, during the day that
// follows the 8th day after the previous slot, whether this week's run happened. PromptOwners' timer is
// `0 30 6 * * 1` (Monday 06:30 UTC; KQL's startofweek is Sunday): the rule fires from Tuesday 06:30 UTC while no
// successful run has been recorded since Monday 06:30 UTC.
resource missedPrompts 'Microsoft.Insights/scheduledQueryRules@2021-08-01' = {
  name: '${namePrefix}-promptowners-missed'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'PromptOwners has not run for 8 days'
    description: 'No successful PromptOwners run (timer `0 30 6 * * 1`) since Monday 06:30 UTC, 8 days after the previous one: owners were not prompted and the board digest was not posted this week.'
    severity: 2
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'P2D'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: '''
let thisWeeksSlot = startofweek(now()) + 1d + 6h + 30m;
let slot = iff(now() >= thisWeeksSlot, thisWeeksSlot, thisWeeksSlot - 7d);
requests
| where timestamp >= slot and operation_Name == "PromptOwners" and success == true
| summarize runs = count()
| where runs == 0 and now() between ((slot + 1d) .. (slot + 1d + 23h))
'''
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        operators.id
      ]
    }
  }
}
