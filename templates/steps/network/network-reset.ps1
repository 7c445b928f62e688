function Test-RgNetworkReset {
    <#
    .SYNOPSIS
        The state a reset is for: a reset is wanted whenever the gate probes report the symptom, so this test
        never passes on its own (Test-RgSteps counts the action as not needed while its gate passes). It reports
        the Winsock catalog (Get-RgWinsockCatalog): Microsoft's providers only, or the third-party ones a reset
        would remove.
    .PARAMETER Step
        The step: IpReset, AllowThirdPartyProviders.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $catalog = Get-RgWinsockCatalog
    $actual = 'Winsock catalog not read: ' + $catalog.Problem
    if ($catalog.Read -and @($catalog.ThirdParty).Count -eq 0) {
        $actual = 'Winsock catalog: ' + $catalog.Entries + ' entries, Microsoft providers only'
    }
    elseif ($catalog.Read) {
        $actual = 'Winsock catalog: third-party providers ' + (@($catalog.ThirdParty) -join ', ')
    }
    New-RgStepResult -Step $Step -Compliant $false -Actual $actual -Expected 'reset while the gate reports the symptom'
}
