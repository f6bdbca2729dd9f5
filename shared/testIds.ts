// Every data-testid the renderer puts on the page, in one place, so components and browser tests
// cannot drift apart (DESIGN.md §7, grafana/redshift-datasource `src/selectors.ts`). Values are plain
// kebab-case strings; rows repeat a test id and are told apart by their text.
export const testIds = {
  app: {
    root: 'app-root',
    nav: 'app-nav',
    themeToggle: 'theme-toggle',
    /** Shown instead of the app when the page cannot reach the core at all (no token, refused token). */
    fatal: 'app-fatal',
  },
  nav: {
    connections: 'nav-connections',
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
} as const;
