/** The tail of an instance's serial console, as its host's hypervisor keeps it. */
export interface ConsoleOutput {
  /** Text as the guest printed it (escape sequences included). */
  readonly output: string;
  /** ISO-8601 UTC time of the last byte, or of the read when the host cannot tell. */
  readonly lastUpdateTime: string;
}

/** GetInstanceConsoleOutput's source: wired to the host agent's `driver.consoleOutput`. */
export interface ConsoleOutputReader {
  /** Undefined when the instance has no domain on any host (never placed, or its host is gone). */
  consoleOutput(instanceId: string): Promise<ConsoleOutput | undefined>;
}
