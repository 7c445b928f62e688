function Set-RgWindowsFeatureState {
    <#
    .SYNOPSIS
        Enables, disables or removes each matching optional feature or capability that is not as wanted
        (Set-RgWindowsFeature), through ShouldProcess; never restarts. When Windows says a restart finishes the
        change, the step's row is marked RestartRequired, so the summary says so. A name this Windows does not
        know cannot be installed here: an error naming it.
    .PARAMETER Step
        The step: FeatureKind, Name, Want, Source, LimitAccess.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $kind = [string]$Step.FeatureKind
    $found = @(Get-RgWindowsFeature -Kind $kind -Name ([string]$Step.Name))
    if ($found.Count -eq 0) {
        throw ('this Windows has no ' + $kind + ' named ' + $Step.Name + ' (Get-Windows' + $kind + ' -Online does not list it)')
    }
    foreach ($item in $found) {
        $state = Test-RgWindowsFeatureState -Kind $kind -State ([string]$item.State) -Want ([string]$Step.Want)
        if ($state.Compliant) { continue }
        if ($PSCmdlet.ShouldProcess($kind + ' ' + $item.Name, 'Set ' + $Step.Want + ' (is ' + $item.State + ')')) {
            $result = Set-RgWindowsFeature -Kind $kind -Name ([string]$item.Name) -State ([string]$Step.Want) -Source ([string]$Step.Source) -LimitAccess:([bool]$Step.LimitAccess)
            $note = ''
            if ($result.RestartNeeded) {
                $Step['RestartRequired'] = $true
                $note = '; Windows finishes it at the next restart'
            }
            Write-RgLog -Message ($Step.Id + ': set the ' + $kind + ' ' + $item.Name + ' ' + $Step.Want + ' (was ' + $item.State + ')' + $note)
        }
    }
}
