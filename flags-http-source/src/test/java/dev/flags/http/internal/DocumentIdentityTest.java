package dev.flags.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.http.internal.DocumentIdentity.Match;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class DocumentIdentityTest {
  private static final byte[] V1 = "{\"version\":\"v1\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] V2 = "{\"version\":\"v2\"}".getBytes(StandardCharsets.UTF_8);
  private static final Validators E1 = new Validators("\"e1\"", null);
  private static final Validators E2 = new Validators("\"e2\"", null);
  private static final String WHY = "document version 'v2' rejected (1 problem): bad";

  private final DocumentIdentity identity = new DocumentIdentity();

  @Test
  void validators_nothingSeen_noneAndNoRejection() {
    assertThat(identity.validators()).isEqualTo(Validators.NONE);
    assertThat(identity.rejection()).isNull();
  }

  @Test
  void match_unseenBody_newWithItsSha256AndValidatorsKept() {
    Match match = identity.match(V1, E1);

    assertThat(match).isEqualTo(new Match.New(CacheFile.sha256(V1)));
    assertThat(identity.validators()).isEqualTo(Validators.NONE);
  }

  @Test
  void accepted_newBody_itsValidatorsSentNext() {
    identity.accepted(identity.match(V1, E1), E1, "v1");

    assertThat(identity.validators()).isEqualTo(E1);
    assertThat(identity.rejection()).isNull();
  }

  @Test
  void match_acceptedBytesSameValidators_alreadyServedUnchanged() {
    identity.accepted(identity.match(V1, E1), E1, "v1");

    Match match = identity.match(V1.clone(), E1);

    assertThat(match).isEqualTo(new Match.AlreadyServed(CacheFile.sha256(V1), "v1", false, false));
  }

  @Test
  void match_acceptedBytesNewEtag_alreadyServedAndNewEtagSentNext() {
    identity.accepted(identity.match(V1, E1), E1, "v1");

    Match match = identity.match(V1, E2);

    assertThat(match).isEqualTo(new Match.AlreadyServed(CacheFile.sha256(V1), "v1", true, false));
    assertThat(identity.validators()).isEqualTo(E2);
  }

  @Test
  void rejected_newBody_rejectionAndValidatorsKept() {
    identity.accepted(identity.match(V1, E1), E1, "v1");

    identity.rejected(identity.match(V2, E2), E2, WHY);

    assertThat(identity.rejection()).isEqualTo(WHY);
    assertThat(identity.validators()).isEqualTo(E2);
  }

  @Test
  void match_rejectedBytesAgain_stillRejectedWithWhy() {
    identity.rejected(identity.match(V2, E2), E2, WHY);

    Match match = identity.match(V2, Validators.NONE);

    assertThat(match).isEqualTo(new Match.StillRejected(CacheFile.sha256(V2), WHY));
    assertThat(identity.validators()).isEqualTo(Validators.NONE);
    assertThat(identity.rejection()).isEqualTo(WHY);
  }

  @Test
  void match_acceptedBytesAfterRejection_alreadyServedAndRejectionCleared() {
    identity.accepted(identity.match(V1, E1), E1, "v1");
    identity.rejected(identity.match(V2, E2), E2, WHY);

    Match match = identity.match(V1, E1);

    assertThat(match).isInstanceOf(Match.AlreadyServed.class);
    assertThat(identity.rejection()).isNull();
    assertThat(identity.validators()).isEqualTo(E1);
  }

  @Test
  void match_acceptedBytesAfterRejection_endsTheRejection() {
    identity.accepted(identity.match(V1, E1), E1, "v1");
    identity.rejected(identity.match(V2, E2), E2, WHY);

    assertThat(identity.match(V1, E1))
        .isEqualTo(new Match.AlreadyServed(CacheFile.sha256(V1), "v1", true, true));
    // Once ended, the same bytes again are only the document served.
    assertThat(identity.match(V1, E1))
        .isEqualTo(new Match.AlreadyServed(CacheFile.sha256(V1), "v1", false, false));
  }

  @Test
  void match_oldRejectedBytesAfterAnAcceptedOne_newSoParsedAgain() {
    identity.rejected(identity.match(V2, E2), E2, WHY);
    identity.accepted(identity.match(V1, E1), E1, "v1");

    Match match = identity.match(V2, E2);

    assertThat(match).isEqualTo(new Match.New(CacheFile.sha256(V2)));
  }

  @Test
  void cacheAccepted_itsValidatorsSentAndItsBytesRecognised() {
    Validators cached = new Validators("\"cached\"", "Wed, 21 Oct 2026 07:28:00 GMT");

    identity.cacheAccepted(V1, cached, "v1");

    assertThat(identity.validators()).isEqualTo(cached);
    assertThat(identity.match(V1, cached))
        .isEqualTo(new Match.AlreadyServed(CacheFile.sha256(V1), "v1", false, false));
  }
}
