function Set-RgMpPreference {
    <#
    .SYNOPSIS
        Seam: sets one Microsoft Defender Antivirus preference (the Defender module's Set-MpPreference -Force). It
        may return without error and change nothing (tamper protection, a policy): the caller reads it again
        (docs/reference/windows-admin.md 1.2). Throws when Set-MpPreference fails.
    .PARAMETER Name
        The preference (one of those remgen types: docs/reference/windows-admin.md 1.1).
    .PARAMETER Value
        Its number: a Disable* switch 1 turns the protection off, 0 on.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Name,

        [Parameter(Mandatory = $true)]
        [int]$Value
    )
    # The step's set function has asked ShouldProcess for this change already: no second prompt under -Confirm.
    $ConfirmPreference = 'None'
    $on = [bool]$Value
    switch ($Name) {
        'DisableRealtimeMonitoring' { Set-MpPreference -DisableRealtimeMonitoring $on -Force -ErrorAction Stop }
        'DisableBehaviorMonitoring' { Set-MpPreference -DisableBehaviorMonitoring $on -Force -ErrorAction Stop }
        'DisableIOAVProtection' { Set-MpPreference -DisableIOAVProtection $on -Force -ErrorAction Stop }
        'DisableScriptScanning' { Set-MpPreference -DisableScriptScanning $on -Force -ErrorAction Stop }
        'DisableBlockAtFirstSeen' { Set-MpPreference -DisableBlockAtFirstSeen $on -Force -ErrorAction Stop }
        'PUAProtection' { Set-MpPreference -PUAProtection $Value -Force -ErrorAction Stop }
        'MAPSReporting' { Set-MpPreference -MAPSReporting $Value -Force -ErrorAction Stop }
        'CloudBlockLevel' { Set-MpPreference -CloudBlockLevel $Value -Force -ErrorAction Stop }
        'SubmitSamplesConsent' { Set-MpPreference -SubmitSamplesConsent $Value -Force -ErrorAction Stop }
        'EnableNetworkProtection' { Set-MpPreference -EnableNetworkProtection $Value -Force -ErrorAction Stop }
        default { throw ('remgen does not set the Defender preference ' + $Name) }
    }
}

function Update-RgMpSignature {
    <#
    .SYNOPSIS
        Seam: asks Microsoft Defender Antivirus to update its signatures (the Defender module's Update-MpSignature);
        throws when the update fails. Whether it worked is the signature date read again.
    .PARAMETER UpdateSource
        MicrosoftUpdateServer, MMPC, InternalDefinitionUpdateServer or FileShares; empty: Defender's own order.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [AllowEmptyString()]
        [string]$UpdateSource = ''
    )
    if ($UpdateSource) {
        Update-MpSignature -UpdateSource $UpdateSource -ErrorAction Stop
    }
    else {
        Update-MpSignature -ErrorAction Stop
    }
}
