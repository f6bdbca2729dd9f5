// Every data-testid the renderer puts on the page, in one place, so components and browser tests
// cannot drift apart (DESIGN.md §7, grafana/redshift-datasource `src/selectors.ts`). Values are plain
// kebab-case strings; rows repeat a test id and are told apart by their text. Long because it is one
// list for every page on purpose: splitting it per feature would bring the drift back.
export const testIds = {
  app: {
    root: 'app-root',
    nav: 'app-nav',
    themeToggle: 'theme-toggle',
    /** Shown instead of the app when the page cannot reach the core at all (no token, refused token). */
    fatal: 'app-fatal',
  },
  nav: {
    overview: 'nav-overview',
    live: 'nav-live',
    slow: 'nav-slow',
    query: 'nav-query',
    wlm: 'nav-wlm',
    wlmEditor: 'nav-wlm-editor',
    audit: 'nav-audit',
    connections: 'nav-connections',
    // Loads and deliveries (issue #11).
    loads: 'nav-loads',
    feeds: 'nav-feeds',
    impact: 'nav-impact',
    alerts: 'nav-alerts',
    batches: 'nav-batches',
    batchCompare: 'nav-batch-compare',
    batchJobs: 'nav-batch-jobs',
    batchMonth: 'nav-batch-month',
  },
  statusBar: {
    root: 'status-bar',
    door: 'status-door',
    access: 'status-access',
    connections: 'status-connections',
    events: 'status-events',
    /** The collector in one line; data-tone is ok | warn | error | idle. */
    collector: 'status-collector',
    version: 'status-version',
  },
  connections: {
    page: 'connections-page',
    readOnlyNote: 'connections-read-only',
    empty: 'connections-empty',
    loadError: 'connections-load-error',
    addButton: 'connection-add',
    row: 'connection-row',
    name: 'connection-name',
    kind: 'connection-kind',
    /** Where the password comes from now, in words, or why there is none. */
    passwordDetail: 'connection-password-detail',
    target: 'connection-target',
    passwordSource: 'connection-password-source',
    testButton: 'connection-test',
    testResult: 'connection-test-result',
    removeButton: 'connection-remove',
    removeConfirm: 'connection-remove-confirm',
    removeCancel: 'connection-remove-cancel',
    rowError: 'connection-row-error',
    /** The collector's state for this connection (data-tone: ok | warn | error | idle). */
    collector: 'connection-collector',
    collectorHeadline: 'connection-collector-headline',
    /** One per failing job, stale job, group of skipped jobs, or the connection's own error. */
    collectorDetail: 'connection-collector-detail',
    /** Shown when the detail lines are folded: "+N more" / "Show less". */
    collectorMore: 'connection-collector-more',
    /** One per job still reading the history the cluster holds (first run). */
    collectorBackfill: 'connection-collector-backfill',
  },
  /** The connection / range / zone toolbar above the on-call views (components/ViewToolbar.tsx). */
  viewToolbar: {
    root: 'view-toolbar',
    connection: 'toolbar-connection',
    noConnection: 'toolbar-no-connection',
    /** A <select> of the presets (values 1h, 6h, 24h, 7d, 30d, 90d, 400d). */
    rangePreset: 'toolbar-range-preset',
    /** A zoomed or linked window, "from – to" in the chosen zone. */
    rangeWindow: 'toolbar-range-window',
    rangeBack: 'toolbar-range-back',
    zoneUtc: 'toolbar-zone-utc',
    zoneLocal: 'toolbar-zone-local',
    refresh: 'toolbar-refresh',
  },
  /** Shared chart parts (charts/*). A chart's own root takes the testId its page gives it. */
  charts: {
    /** The drag-to-zoom selection while the mouse is down. */
    zoomSelection: 'chart-zoom-selection',
    tooltip: 'chart-tooltip',
    sparkline: 'sparkline',
  },
  /** Why a view has nothing to show (components/EmptyState.tsx), unless the page gives its own id. */
  emptyState: {
    root: 'empty-state',
  },
  /** The slow queries page (#/slow). */
  slow: {
    page: 'slow-page',
    tabFingerprints: 'slow-tab-fingerprints',
    tabRuns: 'slow-tab-runs',
    filterUser: 'slow-filter-user',
    filterLabel: 'slow-filter-label',
    filterQueue: 'slow-filter-queue',
    filterMinDuration: 'slow-filter-min-duration',
    filterAborted: 'slow-filter-aborted',
    filterText: 'slow-filter-text',
    filterClear: 'slow-filter-clear',
    error: 'slow-error',
    empty: 'slow-empty',
    /** "N fingerprints" / "N runs" above the table. */
    total: 'slow-total',
    groupTable: 'slow-group-table',
    /** One per fingerprint group; data-newly-slow="true" on newly slow ones. */
    groupRow: 'slow-group-row',
    groupText: 'slow-group-text',
    /** "newly slow ×8.1". */
    groupBadge: 'slow-group-badge',
    groupCount: 'slow-group-count',
    groupUsers: 'slow-group-users',
    groupLabels: 'slow-group-labels',
    runsTable: 'slow-runs-table',
    /** Sortable headers: data-sort = startTime | elapsedMs | queueMs | execMs; aria-sort on the active one. */
    runsSort: 'slow-runs-sort',
    /** One per visible run (the table is virtualised: only rows in view exist). */
    runRow: 'slow-run-row',
    runStart: 'slow-run-start',
    runUser: 'slow-run-user',
    runLabel: 'slow-run-label',
    runElapsed: 'slow-run-elapsed',
    runText: 'slow-run-text',
  },
  /** The query detail page (#/query?c=&q=&t=). */
  queryDetail: {
    page: 'query-page',
    error: 'query-error',
    title: 'query-title',
    text: 'query-text',
    copy: 'query-copy',
    copied: 'query-copied',
    textIncomplete: 'query-text-incomplete',
    facts: 'query-facts',
    timing: 'query-timing',
    queue: 'query-queue',
    slots: 'query-slots',
    state: 'query-state',
    aborted: 'query-aborted',
    running: 'query-running',
    steps: 'query-steps',
    stepRow: 'query-step-row',
    stepsUnavailable: 'query-steps-unavailable',
    alerts: 'query-alerts',
    alertRow: 'query-alert-row',
    ruleActions: 'query-rule-actions',
    runsChart: 'query-runs-chart',
    blast: 'query-blast',
    /** "N statements waited X in <queue> while this query held its slots". */
    blastSummary: 'query-blast-summary',
    blastRow: 'query-blast-row',
    blastLink: 'query-blast-link',
  },
  /** The on-call overview (#/overview). Tiles carry data-tile and link to their view. */
  overview: {
    page: 'overview-page',
    error: 'overview-error',
    health: 'overview-health',
    clusterStatus: 'overview-cluster-status',
    /** One per CloudWatch metric tile; data-metric names it (CPUUtilization, …). */
    metric: 'overview-metric',
    metricValue: 'overview-metric-value',
    queues: 'overview-queues',
    /** data-service-class, data-queued, data-full ("true" when running ≥ slots). */
    queueRow: 'overview-queue-row',
    queuedTotal: 'overview-queued-total',
    collector: 'overview-collector',
    alerts: 'overview-alerts',
    alertRow: 'overview-alert-row',
    slowest: 'overview-slowest',
    slowRow: 'overview-slow-row',
    /** The "open the view" link of a tile; data-target names the page id. */
    tileLink: 'overview-tile-link',
  },
  /** Live activity (#/live). */
  /** The on-call path (issue #14): a live statement's detail while it runs, linked from live activity. */
  liveDetail: {
    /** In the live side panel: opens the statement's detail page. */
    open: 'live-detail-open',
    /** The detail page of a statement still running or queued; data-state is its WLM state. */
    root: 'live-detail',
    facts: 'live-detail-facts',
    timing: 'live-detail-timing',
    text: 'live-detail-text',
    /** Who waits behind it now: data-count; one row per waiting statement (data-query). */
    waiting: 'live-detail-waiting',
    waitingRow: 'live-detail-waiting-row',
    /** It left live activity and is not stored yet: the page turns historical once it is. */
    ended: 'live-detail-ended',
  },
  /** The overview's "Newly slow" tile: one row per newly slow fingerprint (data-fingerprint). */
  newlySlow: {
    tile: 'overview-newly-slow',
    row: 'overview-newly-slow-row',
    ratio: 'overview-newly-slow-ratio',
  },
  live: {
    page: 'live-page',
    error: 'live-error',
    /** "Last polled N s ago"; data-stale="true" past 30 s. */
    polled: 'live-polled',
    filterText: 'live-filter-text',
    filterState: 'live-filter-state',
    filterQueue: 'live-filter-queue',
    count: 'live-count',
    table: 'live-table',
    /** The scrolling box around the statements table. */
    scroller: 'live-scroller',
    /** A sortable header button; data-sort-key, aria-sort on its th. */
    sortHeader: 'live-sort-header',
    /** data-query, data-state, data-queued, aria-selected. */
    row: 'live-row',
    cellUser: 'live-cell-user',
    cellPid: 'live-cell-pid',
    cellQueue: 'live-cell-queue',
    cellState: 'live-cell-state',
    cellLabel: 'live-cell-label',
    cellText: 'live-cell-text',
    empty: 'live-empty',
    /** The selected statement's side panel: full text and the governance actions. */
    panel: 'live-panel',
    panelText: 'live-panel-text',
    panelNote: 'live-panel-note',
    panelGone: 'live-panel-gone',
    panelClose: 'live-panel-close',
    sessions: 'live-sessions',
    sessionRow: 'live-session-row',
  },
  /** WLM queue pressure (#/wlm). */
  pressure: {
    page: 'pressure-page',
    error: 'pressure-error',
    empty: 'pressure-empty',
    /** One per queue; data-service-class, data-peak-queued, data-peak-running. */
    queue: 'pressure-queue',
    peakQueued: 'pressure-peak-queued',
    slotsChart: 'pressure-slots-chart',
    waitChart: 'pressure-wait-chart',
    cloudWatchChart: 'pressure-cloudwatch-chart',
    highWater: 'pressure-high-water',
    highWaterRow: 'pressure-high-water-row',
    configChanges: 'pressure-config-changes',
    config: 'pressure-config',
    configRow: 'pressure-config-row',
  },
  addForm: {
    root: 'add-connection-form',
    kindDirect: 'add-kind-direct',
    kindCluster: 'add-kind-cluster',
    name: 'add-name',
    host: 'add-host',
    port: 'add-port',
    database: 'add-database',
    user: 'add-user',
    password: 'add-password',
    sslMode: 'add-ssl-mode',
    region: 'add-region',
    clusterIdentifier: 'add-cluster-identifier',
    dbUser: 'add-db-user',
    awsProfile: 'add-aws-profile',
    awsEndpoint: 'add-aws-endpoint',
    submit: 'add-submit',
    cancel: 'add-cancel',
    error: 'add-error',
  },
  /** Governance (issue #6): statement actions, the WLM editor, the audit view. */
  governance: {
    /** Buttons carry data-query / data-pid so a test can pick the statement's own button. */
    cancelButton: 'statement-cancel',
    terminateButton: 'session-terminate',
    dialog: 'action-dialog',
    dialogTarget: 'action-target',
    dialogPreview: 'action-preview',
    dialogWarning: 'action-warning',
    reason: 'action-reason',
    confirm: 'action-confirm',
    close: 'action-close',
    /** data-outcome: done | refused | failed. */
    outcome: 'action-outcome',
  },
  wlmEditor: {
    page: 'wlm-editor-page',
    loading: 'wlm-editor-loading',
    loadError: 'wlm-editor-load-error',
    notEditable: 'wlm-editor-not-editable',
    parameterGroup: 'wlm-editor-group',
    mode: 'wlm-editor-mode',
    /** data-state: in-sync | applying | pending-reboot | unknown. */
    applyStatus: 'wlm-editor-apply-status',
    reload: 'wlm-editor-reload',
    tabForm: 'wlm-editor-tab-form',
    tabJson: 'wlm-editor-tab-json',
    json: 'wlm-editor-json',
    formUnavailable: 'wlm-editor-form-unavailable',
    /** One per queue; data-index is its position. */
    queue: 'wlm-queue',
    queueName: 'wlm-queue-name',
    concurrency: 'wlm-queue-concurrency',
    memory: 'wlm-queue-memory',
    timeout: 'wlm-queue-timeout',
    userGroups: 'wlm-queue-user-groups',
    userGroupWildcard: 'wlm-queue-user-group-wildcard',
    queryGroups: 'wlm-queue-query-groups',
    queryGroupWildcard: 'wlm-queue-query-group-wildcard',
    priority: 'wlm-queue-priority',
    concurrencyScaling: 'wlm-queue-concurrency-scaling',
    queueAdd: 'wlm-queue-add',
    queueRemove: 'wlm-queue-remove',
    queueUp: 'wlm-queue-up',
    queueDown: 'wlm-queue-down',
    rule: 'wlm-rule',
    ruleAdd: 'wlm-rule-add',
    ruleRemove: 'wlm-rule-remove',
    ruleName: 'wlm-rule-name',
    ruleAction: 'wlm-rule-action',
    ruleActionValue: 'wlm-rule-action-value',
    predicate: 'wlm-predicate',
    predicateAdd: 'wlm-predicate-add',
    predicateRemove: 'wlm-predicate-remove',
    predicateMetric: 'wlm-predicate-metric',
    predicateOperator: 'wlm-predicate-operator',
    predicateValue: 'wlm-predicate-value',
    sqaEnabled: 'wlm-sqa-enabled',
    sqaMaxRuntime: 'wlm-sqa-max-runtime',
    modeSelect: 'wlm-mode-select',
    /** The list of every problem; data-errors is the count of errors. */
    problems: 'wlm-problems',
    /** A problem shown next to its field. */
    fieldProblem: 'wlm-field-problem',
    previewButton: 'wlm-preview',
    preview: 'wlm-preview-result',
    /** One per change; data-kind: dynamic | static. */
    change: 'wlm-change',
    applyNote: 'wlm-apply-note',
    /** "The configuration changed since you loaded it", with the newer JSON. */
    stale: 'wlm-stale',
    staleJson: 'wlm-stale-json',
    staleReload: 'wlm-stale-reload',
    whatIfButton: 'wlm-what-if',
    whatIf: 'wlm-what-if-result',
    whatIfRule: 'wlm-what-if-rule',
    applyButton: 'wlm-apply',
    applyDisabledWhy: 'wlm-apply-disabled-why',
    readOnlyNote: 'wlm-read-only',
    /** data-outcome: done | refused | failed. */
    applyOutcome: 'wlm-apply-outcome',
  },
  audit: {
    page: 'audit-page',
    filterAction: 'audit-filter-action',
    filterOutcome: 'audit-filter-outcome',
    filterConnection: 'audit-filter-connection',
    filterText: 'audit-filter-text',
    filterFrom: 'audit-filter-from',
    filterTo: 'audit-filter-to',
    refresh: 'audit-refresh',
    exportCsv: 'audit-export-csv',
    exportResult: 'audit-export-result',
    total: 'audit-total',
    empty: 'audit-empty',
    error: 'audit-error',
    /** One per record; data-seq, data-outcome, data-action. */
    row: 'audit-row',
    expand: 'audit-expand',
    detail: 'audit-detail',
    diff: 'audit-diff',
    newer: 'audit-newer',
    older: 'audit-older',
    /** The chain check in one line; data-intact is true | false. */
    chain: 'audit-chain',
    /** On a refusal repeated within its window: "×600, last 02:14:07". */
    repeats: 'audit-repeats',
  },
  // Loads and deliveries (issue #11).
  /** The loads page (#/loads): every COPY in the range. */
  loads: {
    page: 'loads-page',
    filterTable: 'loads-filter-table',
    filterSource: 'loads-filter-source',
    filterStatus: 'loads-filter-status',
    /** Shown when the page is filtered to one feed (from the ledger); a button clears it. */
    filterFeed: 'loads-filter-feed',
    /** Column headers that sort; data-sort is the key. */
    sort: 'loads-sort',
    total: 'loads-total',
    empty: 'loads-empty',
    error: 'loads-error',
    more: 'loads-more',
    /** One per COPY; data-status, data-query. */
    row: 'loads-row',
    rowLink: 'loads-row-link',
  },
  /** A COPY's summary and its errors, on the query detail page. */
  loadDetail: {
    panel: 'load-panel',
    summary: 'load-summary',
    status: 'load-status',
    maxerror: 'load-maxerror',
    /** One per error pattern; data-code, data-column. */
    group: 'load-error-group',
    groupMeaning: 'load-error-meaning',
    /** One per rejected row shown. */
    sample: 'load-error-sample',
    rawLine: 'load-raw-line',
    rawField: 'load-raw-field',
    /** Every labelled invisible character; data-kind, title = label. */
    invisible: 'load-invisible',
    failing: 'load-failing',
    copyLine: 'load-copy-line',
    copyField: 'load-copy-field',
    copied: 'load-copied',
  },
  /** The delivery ledger (#/feeds): feeds x nights. */
  feeds: {
    page: 'feeds-page',
    grid: 'feeds-grid',
    empty: 'feeds-empty',
    error: 'feeds-error',
    /** One per feed; data-feed is its key. */
    row: 'feeds-row',
    /** One per feed and night; data-night, data-state, data-flags (space-separated). */
    cell: 'feeds-cell',
    /** One per format drift; data-feed, data-kind (new-error | reject-jump), data-code, data-first-night. */
    drift: 'feeds-drift',
    /** In a row: the feed's shown name (the user's, else its table); the row has data-muted. */
    name: 'feeds-name',
    /** Problem nights in the range, muted feeds not counted. */
    problems: 'feeds-problems',
    /** In a row: its files changed name pattern; a merge into another feed is proposed (with a button). */
    namePattern: 'feeds-name-pattern',
    mergeSuggestion: 'feeds-merge-suggestion',
    mergeSuggested: 'feeds-merge-suggested',
    /** In a row: opens the feed editor (rename, mute, thresholds, merge; audited). */
    edit: 'feeds-edit',
    editor: 'feeds-editor',
    editName: 'feeds-edit-name',
    editMuted: 'feeds-edit-muted',
    editOversized: 'feeds-edit-oversized',
    editUndersized: 'feeds-edit-undersized',
    editMergeInto: 'feeds-edit-merge-into',
    editSave: 'feeds-edit-save',
    editMessage: 'feeds-edit-message',
    /** The jobs that read a feed's table before it arrived, under the grid; data-feed, data-night. */
    earlyJobs: 'feeds-early-jobs',
  },
  /** Impact of bad data (issue #11): #/impact?c=&q=&t=&until=&hops=. */
  impact: {
    page: 'impact-page',
    error: 'impact-error',
    origin: 'impact-origin',
    hops: 'impact-hops',
    until: 'impact-until',
    /** The to-do list; one todoItem per line. */
    todo: 'impact-todo',
    todoItem: 'impact-todo-item',
    /** One per table reached; data-hop. */
    table: 'impact-table',
    /** One per job / dashboard / user; data-kind, data-label. */
    group: 'impact-group',
    exportMarkdown: 'impact-export-markdown',
    exportCsv: 'impact-export-csv',
    /** The link to the impact view from a load's or a writing statement's detail. */
    link: 'impact-link',
  },
  /** Alerts (issue #12): open incidents, history, the next digest, schedule and webhook. */
  alerts: {
    page: 'alerts-page',
    error: 'alerts-error',
    open: 'alerts-open',
    /** One per incident; data-id, data-severity, data-rule, data-acknowledged. */
    incident: 'alerts-incident',
    message: 'alerts-message',
    explain: 'alerts-explain',
    ackBy: 'alerts-ack-by',
    ackNote: 'alerts-ack-note',
    ackButton: 'alerts-ack',
    /** "acknowledged by dana at …: note". */
    ackDone: 'alerts-ack-done',
    history: 'alerts-history',
    digest: 'alerts-digest',
    digestSendsAt: 'alerts-digest-sends-at',
    /** One per digest line; data-severity. */
    digestLine: 'alerts-digest-line',
    exportMarkdown: 'alerts-export-markdown',
    schedule: 'alerts-schedule',
    webhook: 'alerts-webhook',
    deliveries: 'alerts-deliveries',
    /** The rules panel: one row per rule (data-rule, data-version, data-enabled). */
    rules: 'alerts-rules',
    rule: 'alerts-rule',
    ruleSave: 'alerts-rule-save',
    ruleHistoryButton: 'alerts-rule-history-button',
    /** One per saved version: "v2 by dana at …: threshold 88 -> 92 (note)". */
    ruleVersion: 'alerts-rule-version',
    ruleMessage: 'alerts-rule-message',
    /** Exemptions and snoozes: one row each (data-id, data-active). */
    exemptions: 'alerts-exemptions',
    exemption: 'alerts-exemption',
    exemptionForm: 'alerts-exemption-form',
    exemptionEnd: 'alerts-exemption-end',
    suppressed: 'alerts-suppressed',
    /** The replay: summary, one row per night (data-date, data-pages, data-digest). */
    replay: 'alerts-replay',
    replayRun: 'alerts-replay-run',
    replayEdited: 'alerts-replay-edited',
    replaySummary: 'alerts-replay-summary',
    replayNight: 'alerts-replay-night',
    /** A running replay: its progress bar (value in %) and its cancel button. */
    replayProgress: 'alerts-replay-progress',
    replayCancel: 'alerts-replay-cancel',
  },
  /** Alert e-mail, past digests and exports, desktop notifications (issue #12, channels). */
  alertChannels: {
    email: 'alerts-email',
    /** "password set" / "no password" / why it cannot be used. */
    emailStatus: 'alerts-email-status',
    pastDigests: 'alerts-past-digests',
    /** One per past digest row; data-at. */
    pastDigest: 'alerts-past-digest',
    openDigest: 'alerts-open-digest',
    /** The opened past digest, as it was sent. */
    digestView: 'alerts-digest-view',
    downloadHtml: 'alerts-download-html',
    downloadMarkdown: 'alerts-download-markdown',
    notifyButton: 'alerts-notify',
    notifyState: 'alerts-notify-state',
  },
  /** Nightly batches (#/batches?night=YYYY-MM-DD&nights=N), issue #10. */
  batches: {
    page: 'batches-page',
    error: 'batches-error',
    empty: 'batches-empty',
    nightPicker: 'batches-night-picker',
    /** The finish line; data-sla is met | missed | none. */
    finish: 'batches-finish',
    story: 'batches-story',
    timeline: 'batches-timeline',
    /** One per job; data-label holds the job's label. */
    job: 'batches-job',
    jobLabel: 'batches-job-label',
    jobBar: 'batches-job-bar',
    jobExpand: 'batches-job-expand',
    statements: 'batches-statements',
    /** One per statement; data-aborted and data-qmr when they apply. */
    statement: 'batches-statement',
    statementLink: 'batches-statement-link',
    otherLabels: 'batches-other-labels',
    otherLabel: 'batches-other-label',
    drift: 'batches-drift',
    driftRange: 'batches-drift-range',
    driftSummary: 'batches-drift-summary',
    driftChart: 'batches-drift-chart',
    settings: 'batches-settings',
    settingsZone: 'batches-settings-zone',
    settingsStart: 'batches-settings-start',
    settingsEnd: 'batches-settings-end',
    settingsSla: 'batches-settings-sla',
    settingsSave: 'batches-settings-save',
    settingsMessage: 'batches-settings-message',
    /** The job editor: jobs as the rules make them, the draft rules, their preview and saving. */
    jobs: 'batches-jobs',
    jobsRow: 'batches-jobs-row',
    jobsName: 'batches-jobs-name',
    jobsRename: 'batches-jobs-rename',
    jobsHide: 'batches-jobs-hide',
    jobsSplitUser: 'batches-jobs-split-user',
    jobsSplitQueue: 'batches-jobs-split-queue',
    jobsMergePick: 'batches-jobs-merge-pick',
    jobsMergeName: 'batches-jobs-merge-name',
    jobsMerge: 'batches-jobs-merge',
    jobsOther: 'batches-jobs-other',
    jobsAddOther: 'batches-jobs-add-other',
    jobsRule: 'batches-jobs-rule',
    jobsRuleRemove: 'batches-jobs-rule-remove',
    jobsAddRule: 'batches-jobs-add-rule',
    jobsPreview: 'batches-jobs-preview',
    jobsPreviewResult: 'batches-jobs-preview-result',
    jobsChange: 'batches-jobs-change',
    jobsSave: 'batches-jobs-save',
    jobsMessage: 'batches-jobs-message',
    /** Links from the Batches page to the views below. */
    viewLinks: 'batches-view-links',
    /** A timeline mark; data-kind is aborted | qmr | copy | feed. */
    mark: 'batches-mark',
    marks: 'batches-marks',
    /** Two nights side by side (#/batch-compare?night=…&other=…). */
    comparePage: 'batch-compare-page',
    compareNight: 'batch-compare-night',
    compareOther: 'batch-compare-other',
    compareSummary: 'batch-compare-summary',
    /** One per job; data-label, data-presence (both | appeared | disappeared), data-new. */
    compareRow: 'batch-compare-row',
    compareNew: 'batch-compare-new',
    /** Per-job drift (#/batch-jobs?nights=N&job=…). */
    jobsPage: 'batch-jobs-page',
    jobsRange: 'batch-jobs-range',
    jobsSummary: 'batch-jobs-summary',
    /** One per job; data-label. */
    jobDriftRow: 'batch-jobs-row',
    jobsLink: 'batch-jobs-link',
    jobDetail: 'batch-job-detail',
    jobSummary: 'batch-job-summary',
    jobChart: 'batch-job-chart',
    jobEndChart: 'batch-job-end-chart',
    jobSla: 'batch-job-sla',
    jobSlaSave: 'batch-job-sla-save',
    jobSlaMessage: 'batch-job-sla-message',
    /** The month-start view (#/batch-month?months=N&metric=…). */
    monthPage: 'batch-month-page',
    monthMonths: 'batch-month-months',
    monthMetric: 'batch-month-metric',
    monthChart: 'batch-month-chart',
    /** One per month; data-month. */
    monthRow: 'batch-month-row',
    monthForecast: 'batch-month-forecast',
    /** The overview's batch tile; data-sla is met | missed | none, data-trend up | down | flat. */
    tile: 'overview-batch',
    /** The tile's "moved most" line, linking to the job's drift. */
    tileMover: 'overview-batch-mover',
  },
  // WLM pressure, issue #14: empty queues folded away, CloudWatch's coverage said
  pressureExtra: {
    /** "Show n empty queues"; data-empty holds n. */
    emptyToggle: 'pressure-empty-toggle',
    cloudWatchCoverage: 'pressure-cloudwatch-coverage',
  },
  // Numbers that disagree, said in the UI (issue #14)
  agree: {
    /** Beside the range on a page that shows now. */
    rangeNote: 'toolbar-range-note',
    /** Under "n queued" when the WLM sample and live activity differ. */
    queuedNote: 'overview-queued-note',
    /** In the CloudWatch connections tile: the sessions live activity sees now. */
    sessionsNow: 'overview-sessions-now',
  },
  // Statements hidden from lists by pattern (issue #14)
  hidden: {
    /** "n hidden by your patterns — show"; data-list names the list, data-hidden the count. */
    notice: 'hidden-notice',
    toggle: 'hidden-toggle',
    edit: 'hidden-edit',
    editor: 'hidden-editor',
    patterns: 'hidden-patterns',
    save: 'hidden-save',
    cancel: 'hidden-cancel',
    error: 'hidden-error',
  },
} as const;
