function Set-RgWinInetTls {
    <#
    .SYNOPSIS
        Turns the step's Enable bits on and its Disable bits off in the user's WinINet SecureProtocols,
        keeping every other bit.
    .DESCRIPTION
        A missing value, or a value of another kind, starts from WhenAbsent. When a SecureProtocols policy
        value lacks the bits, writing the user's value would change nothing that applies: the function
        writes nothing and throws, naming the policy, so the summary says why.
    .PARAMETER Step
        The step: SubKey, PolicySubKey, Name, Wanted, Enable, Disable, WhenAbsent.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $state = Get-RgWinInetTlsState -Step $Step
    if ($state.Policies.Count -gt 0) {
        $wrong = @($state.Policies | Where-Object -FilterScript { -not $_.Compliant } | ForEach-Object -Process { $_.Text })
        if ($wrong.Count -gt 0) {
            $verb = ' overrides '
            if ($wrong.Count -gt 1) {
                $verb = ' override '
            }
            throw (($wrong -join ' and ') + $verb + $state.UserWords + ' and does not have ' + $Step.Wanted +
                "; the user's value was left unchanged: change the policy where it is set (Group Policy: Turn off encryption support)")
        }
        Write-RgLog -Message ($Step.Id + ': nothing to change: ' + (@($state.Policies | ForEach-Object -Process { $_.Text }) -join ' and ') + ' applies and has ' + $Step.Wanted)
        return
    }
    $base = [int64]$Step.WhenAbsent
    if ($state.User.Exists -and $state.User.Kind -eq 'DWord') {
        $base = [int64]$state.User.Value
    }
    $mask = [int64]4294967295
    $new = ($base -bor [int64]$Step.Enable) -band ($mask -bxor [int64]$Step.Disable)
    $target = 'HKCU:\' + $Step.SubKey + '\' + $Step.Name
    if ($PSCmdlet.ShouldProcess($target, 'Set DWord 0x' + $base.ToString('X') + ' to 0x' + $new.ToString('X'))) {
        Write-RgRegistryData -Hive 'HKCU' -SubKey $Step.SubKey -Name $Step.Name -Kind 'DWord' -Value $new -View 64
        Write-RgLog -Message ($Step.Id + ': set ' + $target + ' from 0x' + $base.ToString('X') + ' to 0x' + $new.ToString('X'))
    }
}
