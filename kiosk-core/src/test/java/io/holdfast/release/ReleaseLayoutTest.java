package io.holdfast.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseLayoutTest {

    @TempDir
    Path folder;

    @Test
    void switchingKeepsTheReleaseBeforeAndGoingBackPointsAtIt() throws IOException {
        ReleaseLayout layout = new ReleaseLayout(folder);
        stage(layout, "1.0.0");
        stage(layout, "1.1.0");

        layout.switchTo("1.0.0");
        assertThat(layout.current()).hasValue("1.0.0");
        assertThat(layout.previous()).isEmpty();
        layout.switchTo("1.1.0");
        assertThat(layout.current()).hasValue("1.1.0");
        assertThat(layout.previous()).hasValue("1.0.0");
        assertThat(Files.readString(folder.resolve("current/holdfast.jar"))).isEqualTo("release 1.1.0");

        assertThat(layout.switchBack()).isEqualTo("1.0.0");
        assertThat(Files.readString(folder.resolve("current/holdfast.jar"))).isEqualTo("release 1.0.0");
        assertThat(layout.content("1.1.0")).as("the failed release stays on disk").isDirectory();
    }

    @Test
    void aReleaseThatIsNotStagedOrAVersionThatNamesAFolderIsRefused() throws IOException {
        ReleaseLayout layout = new ReleaseLayout(folder);

        assertThatThrownBy(() -> layout.switchTo("2.0.0")).hasMessageContaining("not staged");
        assertThatThrownBy(() -> layout.content("../../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(layout::switchBack).hasMessageContaining("no previous release");
    }

    private static void stage(ReleaseLayout layout, String version) throws IOException {
        Files.createDirectories(layout.content(version));
        Files.writeString(layout.content(version).resolve("holdfast.jar"), "release " + version);
    }
}
