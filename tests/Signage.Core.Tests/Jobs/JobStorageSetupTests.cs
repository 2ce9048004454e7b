using Signage.Core.Jobs;

namespace Signage.Core.Tests.Jobs;

public class JobStorageSetupTests
{
    [Fact]
    public void AJobFetchedByADeadNodeIsTakenAgainWithinFiveMinutesWhileARunningJobKeepsItsFetch()
    {
        var options = JobStorageSetup.Options(null);

        Assert.Equal(TimeSpan.FromMinutes(5), options.InvisibilityTimeout);
        Assert.True(options.UseSlidingInvisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), JobStorageSetup.Options(null, TimeSpan.FromSeconds(20)).InvisibilityTimeout);
    }
}
