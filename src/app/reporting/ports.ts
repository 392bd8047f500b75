// Ports the reporting use cases need beyond the shared ones in ../ports: declared beside them, implemented in src/sharepoint.

export interface LeaderChannelDirectory {
  /** The Teams channel id of the unit's leader channel, or null when the unit has none. */
  leaderChannelOf(unitId: string): Promise<string | null>;
}
