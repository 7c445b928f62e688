function Get-RgWinInetTlsState {
    <#
    .SYNOPSIS
        Reads the user's WinINet SecureProtocols and the two policy values that override it (HKLM and HKCU
        under Software\Policies), and says whether the value that applies has the step's bits.
    .DESCRIPTION
        Which of the two policy values wins when both exist is not verified, so every policy value present
        must have the bits. A policy value that is not a DWord is not compliant. The registry is
        case-insensitive and the seams read it so; the policy key's exact casing does not matter.
    .PARAMETER Step
        The step: SubKey, PolicySubKey, Name, Enable, Disable.
    .OUTPUTS
        User (the seam's record), UserText ('DWord 0xA80'), UserWords ("the user's 0xA80"), Policies (Text, Compliant each), Compliant.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $enable = [int64]$Step.Enable
    $disable = [int64]$Step.Disable
    $user = Get-RgRegistryData -Hive 'HKCU' -SubKey $Step.SubKey -Name $Step.Name -View 64
    $userText = 'missing'
    $userWords = "the user's missing value"
    $userCompliant = $false
    if ($user.Exists -and $user.Kind -eq 'DWord') {
        $value = [int64]$user.Value
        $userText = 'DWord 0x' + $value.ToString('X')
        $userWords = "the user's 0x" + $value.ToString('X')
        $userCompliant = (($value -band $enable) -eq $enable) -and (($value -band $disable) -eq 0)
    }
    elseif ($user.Exists) {
        $userText = 'a ' + $user.Kind + ' value'
        $userWords = "the user's " + $user.Kind + ' value'
    }
    $policies = [System.Collections.Generic.List[object]]::new()
    foreach ($hive in @('HKLM', 'HKCU')) {
        $policy = Get-RgRegistryData -Hive $hive -SubKey $Step.PolicySubKey -Name $Step.Name -View 64
        if (-not $policy.Exists) {
            continue
        }
        $text = 'policy ' + $hive + '\' + $Step.PolicySubKey + '\' + $Step.Name
        $compliant = $false
        if ($policy.Kind -eq 'DWord') {
            $value = [int64]$policy.Value
            $text += ' 0x' + $value.ToString('X')
            $compliant = (($value -band $enable) -eq $enable) -and (($value -band $disable) -eq 0)
        }
        else {
            $text += ' (a ' + $policy.Kind + ' value)'
        }
        $policies.Add([pscustomobject]@{ Text = $text; Compliant = $compliant })
    }
    $overall = $userCompliant
    if ($policies.Count -gt 0) {
        $overall = @($policies | Where-Object -FilterScript { -not $_.Compliant }).Count -eq 0
    }
    [pscustomobject]@{
        User      = $user
        UserText  = $userText
        UserWords = $userWords
        Policies  = $policies.ToArray()
        Compliant = $overall
    }
}

function Test-RgWinInetTls {
    <#
    .SYNOPSIS
        Whether WinINet's TLS protocols for the signed-in user have the step's Enable bits on and its Disable
        bits off; a SecureProtocols policy value, when present, is what applies and is reported as such.
    .PARAMETER Step
        The step: SubKey, PolicySubKey, Name, Wanted, Enable, Disable.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $state = Get-RgWinInetTlsState -Step $Step
    $expected = $Step.Wanted
    if ($state.Policies.Count -eq 0) {
        return New-RgStepResult -Step $Step -Compliant $state.Compliant -Actual $state.UserText -Expected $expected
    }
    $verb = ' overrides '
    if ($state.Policies.Count -gt 1) {
        $verb = ' override '
    }
    $actual = (@($state.Policies | ForEach-Object -Process { $_.Text }) -join ' and ') + $verb + $state.UserWords
    if (-not $state.Compliant) {
        $actual += '; a policy is changed where it is set (Group Policy: Turn off encryption support), not by this script'
    }
    New-RgStepResult -Step $Step -Compliant $state.Compliant -Actual $actual -Expected $expected
}
