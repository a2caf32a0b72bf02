package io.vaultsync.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.vaultsync.config.Mappers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's two forms and the rules every line keeps. */
class DoctorReportTest {
    @Test
    void textHasOneLinePerCheckAFixLineForWarnAndFailAndASummary() {
        DoctorReport r = new DoctorReport(List.of(Check.ok("remote reachable", "/srv/v.git answered"),
                Check.warn("daemon", "no daemon running", "start it"), Check.fail("disk", "12 MB free on vda", "free space")));

        assertThat(r.passed()).isFalse();
        assertThat(r.lines()).containsExactly(
                "ok    remote reachable: /srv/v.git answered",
                "warn  daemon: no daemon running",
                "      fix: start it",
                "fail  disk: 12 MB free on vda",
                "      fix: free space",
                "doctor: FAILED: disk (1 warning)");
    }

    @Test
    void warningsAloneStillPass() {
        DoctorReport r = new DoctorReport(List.of(Check.ok("a", "x"), Check.warn("b", "y", "z"), Check.warn("c", "y", "z")));
        assertThat(r.passed()).isTrue();
        assertThat(r.lines()).last().isEqualTo("doctor: ok, 1 passed, 2 warnings");
        assertThat(Mappers.JSON.convertValue(r, new TypeReference<Map<String, Object>>() {})).containsEntry("ok", true);
    }

    @Test
    void aWarnOrFailWithoutAFixIsRefusedAndDetailsStayOnOneLine() {
        assertThatThrownBy(() -> Check.fail("disk", "full", " ")).hasMessage("a fail check needs a fix: disk");
        assertThatThrownBy(() -> Check.warn("disk", "low", null)).hasMessage("a warn check needs a fix: disk");
        assertThat(Check.ok("journal", "two\n  lines").detail()).isEqualTo("two lines");
    }
}
