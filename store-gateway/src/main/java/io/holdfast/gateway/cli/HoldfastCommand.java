package io.holdfast.gateway.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.time.Clock;

import io.helidon.config.ConfigException;

import io.holdfast.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code holdfast}: the gateway's commands. */
@Command(name = "holdfast",
        mixinStandardHelpOptions = true,
        versionProvider = HoldfastCommand.Version.class,
        description = "The in-store gateway that keeps a store serving customers while central systems are cut off.",
        subcommands = {ServeCommand.class, BackupCommand.class, AuditCommand.class, StaffCommand.class, SignCommand.class,
                ReleaseCommand.class, UpdateCommand.class, SuperviseCommand.class, ReportCommand.class,
                PurgeCommand.class,
                CommandLine.HelpCommand.class})
public final class HoldfastCommand {

    /** Exit code for a store that cannot be opened or backed up. */
    public static final int STORE_FAILED = 1;
    /** Exit code for configuration or usage that does not make sense (picocli's own usage code). */
    public static final int BAD_CONFIGURATION = 2;

    /**
     * The command line with the gateway's commands, and a handler that turns the faults a person
     * can fix (a locked store, a bad setting) into one line and an exit code instead of a stack trace.
     * Every command that needs the time takes {@code clock} (the machine's, read once in {@code main}).
     */
    public static CommandLine commandLine(Clock clock) {
        CommandLine commandLine = new CommandLine(new HoldfastCommand(), withClock(clock));
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            PrintWriter err = cl.getErr();
            if (e instanceof StoreException) {
                err.println("holdfast: " + e.getMessage());
                return STORE_FAILED;
            }
            if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                err.println("holdfast: configuration: " + e.getMessage());
                return BAD_CONFIGURATION;
            }
            if (e instanceof java.io.UncheckedIOException io) {
                err.println("holdfast: " + (io.getCause() instanceof java.net.BindException ? io.getCause().getMessage()
                        : io.getMessage() + " (" + io.getCause().getMessage() + ")"));
                return STORE_FAILED;
            }
            throw e;
        });
        return commandLine;
    }

    /** Makes each command, giving {@code clock} to those whose constructor takes one. */
    private static CommandLine.IFactory withClock(Clock clock) {
        CommandLine.IFactory plain = CommandLine.defaultFactory();
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                try {
                    Constructor<K> timed = type.getDeclaredConstructor(Clock.class);
                    timed.setAccessible(true);
                    return timed.newInstance(clock);
                } catch (NoSuchMethodException untimed) {
                    return plain.create(type);
                }
            }
        };
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = HoldfastCommand.class.getPackage().getImplementationVersion();
            return new String[]{"holdfast " + (version == null ? "(development build)" : version)};
        }
    }
}
